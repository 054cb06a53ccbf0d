import { updateChildInput } from '../../shared/families';
import { parentProcedure } from '../../trpc/procedures';
import { updateChild as updateService } from '../../services/families/children';
import { ok } from '../outputs';

export const updateChild = parentProcedure
  .input(updateChildInput)
  .meta({ summary: '改正我登记的孩子的姓名、年级或班级（学校名册上的孩子请申请更正）' })
  .output(ok)
  .mutation(({ ctx, input }) => updateService({ db: ctx.db, actor: ctx.user, input }));
