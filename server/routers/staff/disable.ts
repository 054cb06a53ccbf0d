import { staffUserInput } from '../../shared/admin';
import { staffProcedure } from '../../trpc/procedures';
import { disableStaff } from '../../services/admin/staff';
import { ok } from '../outputs';
import { STAFF_MANAGERS, staffUnit } from './access';

export const disable = staffProcedure(STAFF_MANAGERS)
  .input(staffUserInput)
  .scopedBy(staffUnit)
  .meta({ summary: '停用工作人员账号（立即退出所有设备，不能再登录）' })
  .output(ok)
  .mutation(({ ctx, input }) => disableStaff({ db: ctx.db, actor: ctx.user, input }));
