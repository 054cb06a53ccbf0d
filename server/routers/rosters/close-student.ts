import { closeStudentInput } from '../../shared/rosters';
import { staffProcedure } from '../../trpc/procedures';
import { closeStudent as closeService } from '../../services/rosters/roster-views';
import { ok } from '../outputs';
import { childSchool, ROSTER_KEEPERS } from './access';

export const closeStudent = staffProcedure(ROSTER_KEEPERS)
  .input(closeStudentInput)
  .scopedBy(childSchool)
  .meta({ summary: '学生转学或毕业：移出名册（家庭仍计入其在册的年度）' })
  .output(ok)
  .mutation(({ ctx, input }) => closeService({ db: ctx.db, actor: ctx.user, unit: ctx.unit, input }));
