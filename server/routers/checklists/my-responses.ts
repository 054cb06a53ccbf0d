import { z } from 'zod';
import { parentProcedure } from '../../trpc/procedures';
import { myResponses as myResponsesService } from '../../services/checklists/responses';
import { parentReferralAction, referralStatus, tier } from './outputs';

export const myResponses = parentProcedure
  .meta({ summary: '我家填写过的清单：结果等级、日期、清单、孩子、学校跟进状态（不含作答内容）' })
  .output(
    z.array(
      z.object({
        id: z.string(),
        tier,
        createdAt: z.string(),
        checklistId: z.string(),
        checklistTitle: z.string(),
        checklistVersion: z.number().int(),
        childId: z.string(),
        childName: z.string(),
        sharedWithSchool: z.boolean(),
        referral: z
          .object({
            status: referralStatus,
            ackDeadline: z.string(),
            acknowledgedAt: z.string().nullable(),
            closedAt: z.string().nullable(),
            reachedAt: z.string().nullable(),
            actions: z.array(z.object({ action: parentReferralAction, at: z.string() })),
          })
          .nullable(),
      }),
    ),
  )
  .query(({ ctx }) => myResponsesService({ db: ctx.db, actor: ctx.user }));
