import { z } from 'zod';
import { createStaffInput } from '../../shared/admin';
import { staffProcedure } from '../../trpc/procedures';
import { createStaff } from '../../services/admin/staff';
import { STAFF_MANAGERS } from './access';

export const create = staffProcedure(STAFF_MANAGERS)
  .input(createStaffInput)
  .scopedBy('orgUnitId')
  .meta({ summary: '开设工作人员账号（管理员在本辖区内；负责人为本校教师和心理健康教师）；首次登录须修改初始密码' })
  .output(z.object({ userId: z.string() }))
  .mutation(({ ctx, input }) => createStaff({ db: ctx.db, actor: ctx.user, unit: ctx.unit, input }));
