import { z } from 'zod';
import { listReferralsInput } from '../../shared/checklists';
import { staffProcedure } from '../../trpc/procedures';
import { listReferrals } from '../../services/checklists/referrals';
import { referralStatus, tier } from '../checklists/outputs';

export const list = staffProcedure(['COUNSELOR'])
  // No org-unit input: the list is limited to the schools the caller's COUNSELOR grants cover.
  .input(listReferralsInput)
  .meta({ summary: '转介收件箱：本校家长分享的、需要跟进的清单结果（未处理的在前，按确认期限排序）' })
  .output(
    z.array(
      z.object({
        id: z.string(),
        tier,
        childGrade: z.string(),
        createdAt: z.string(),
        status: referralStatus,
        ackDeadline: z.string(),
        overdue: z.boolean(),
        escalated: z.boolean(),
        responseDeleted: z.boolean(),
        schoolName: z.string(),
      }),
    ),
  )
  .query(({ ctx, input }) => listReferrals({ db: ctx.db, actor: ctx.user, input }));
