import { roleGrantInput } from '../../shared/admin';
import { staffProcedure } from '../../trpc/procedures';
import { grantRole as grantService } from '../../services/admin/staff';
import { ok } from '../outputs';
import { STAFF_MANAGERS } from './access';

export const grantRole = staffProcedure(STAFF_MANAGERS)
  .input(roleGrantInput)
  .scopedBy('orgUnitId')
  .meta({ summary: '为工作人员账号在某单位增加一个角色' })
  .output(ok)
  .mutation(({ ctx, input }) => grantService({ db: ctx.db, actor: ctx.user, unit: ctx.unit, input }));
