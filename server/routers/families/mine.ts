import { z } from 'zod';
import { GUARDIAN_RELATIONS } from '../../shared/enums';
import { userProcedure } from '../../trpc/procedures';
import { getMyFamily } from '../../services/families/get-my-family';

export const mine = userProcedure
  .meta({ summary: '我的家庭：监护人与孩子' })
  .output(
    z.object({
      id: z.string(),
      orgUnitName: z.string(),
      myMobileMasked: z.string().nullable(),
      guardians: z.array(
        z.object({
          id: z.string(),
          relation: z.enum(GUARDIAN_RELATIONS),
          relationLabel: z.string(),
          displayName: z.string(),
          isMe: z.boolean(),
          legalGuardian: z.boolean(),
          mayConsentForChildren: z.boolean(),
        }),
      ),
      children: z.array(
        z.object({
          id: z.string(),
          name: z.string(),
          grade: z.string(),
          gradeLabel: z.string(),
          schoolName: z.string(),
          className: z.string().nullable(),
          rostered: z.boolean(),
          leftSchool: z.boolean(),
          correction: z
            .object({
              status: z.enum(['OPEN', 'DONE', 'DECLINED']),
              statusLabel: z.string(),
              asked: z.string(),
              requestedAt: z.string(),
            })
            .nullable(),
        }),
      ),
    }),
  )
  .query(({ ctx }) => getMyFamily({ db: ctx.db, actor: ctx.user }));
