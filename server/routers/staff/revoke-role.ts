import { roleGrantInput } from '../../shared/admin';
import { staffProcedure } from '../../trpc/procedures';
import { revokeRole as revokeService } from '../../services/admin/staff';
import { ok } from '../outputs';
import { STAFF_MANAGERS } from './access';

export const revokeRole = staffProcedure(STAFF_MANAGERS)
  .input(roleGrantInput)
  .scopedBy('orgUnitId')
  .meta({ summary: '收回工作人员账号在某单位的一个角色（下一次请求起生效）' })
  .output(ok)
  .mutation(({ ctx, input }) => revokeService({ db: ctx.db, actor: ctx.user, unit: ctx.unit, input }));
