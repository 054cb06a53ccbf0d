import { requestChildCorrectionInput } from '../../shared/families';
import { parentProcedure } from '../../trpc/procedures';
import { requestChildCorrection as requestService } from '../../services/families/children';
import { ok } from '../outputs';

export const requestChildCorrection = parentProcedure
  .input(requestChildCorrectionInput)
  .meta({
    summary: '请学校更正名册上孩子的姓名、年级或班级（学校核对后在名册中改正，之前不变）',
    rateLimit: { perUser: 20, windowSeconds: 3600 },
  })
  .output(ok)
  .mutation(({ ctx, input }) => requestService({ db: ctx.db, actor: ctx.user, input }));
