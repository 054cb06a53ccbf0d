import { z } from 'zod';
import { orgUnitScopedInput } from '../../shared/schemas';
import { staffProcedure } from '../../trpc/procedures';
import { listUnitInvites } from '../../services/invites/invites';

export const list = staffProcedure(['ADMIN', 'COORDINATOR', 'TEACHER'])
  .input(orgUnitScopedInput)
  .scopedBy('orgUnitId')
  .meta({ summary: '本校（站点）的学校与班级邀请码' })
  .output(
    z.array(
      z.object({
        code: z.string(),
        kind: z.enum(['SCHOOL', 'CLASS']),
        grade: z.string().nullable(),
        gradeLabel: z.string().nullable(),
        className: z.string().nullable(),
        uses: z.number(),
        disabled: z.boolean(),
        createdAt: z.string(),
      }),
    ),
  )
  .query(({ ctx }) => listUnitInvites({ db: ctx.db, unit: ctx.unit }));
