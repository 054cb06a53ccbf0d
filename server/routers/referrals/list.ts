import { z } from 'zod';
import { listReferralsInput } from '../../shared/checklists';
import { access, defineProcedure } from '../../trpc/access';
import { listReferrals } from '../../services/checklists/referrals';
import { referralStatus, tier } from '../checklists/outputs';

export const list = defineProcedure({
  // No org-unit input: the list is limited to the schools the caller's COUNSELOR grants cover.
  access: access.staff(['COUNSELOR']),
  summary: '转介收件箱：本校家长分享的、需要跟进的清单结果（未处理的在前，按确认期限排序）',
  input: listReferralsInput,
  output: z.array(
    z.object({
      id: z.string(),
      tier,
      childGrade: z.string(),
      createdAt: z.string(),
      status: referralStatus,
      ackDeadline: z.string(),
      overdue: z.boolean(),
      escalated: z.boolean(),
      schoolName: z.string(),
    }),
  ),
}).query(({ ctx, input }) => listReferrals(ctx.db, ctx.user!, input?.status));
