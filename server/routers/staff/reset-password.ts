import { z } from 'zod';
import { staffUserInput } from '../../shared/admin';
import { staffProcedure } from '../../trpc/procedures';
import { resetStaffPassword } from '../../services/admin/staff';
import { STAFF_MANAGERS, staffUnit } from './access';

export const resetPassword = staffProcedure(STAFF_MANAGERS)
  .input(staffUserInput)
  .scopedBy(staffUnit)
  .meta({ summary: '重设工作人员密码（新的初始密码只显示这一次，下次登录须修改；所有设备退出登录）' })
  .output(z.object({ username: z.string(), displayName: z.string(), initialPassword: z.string() }))
  .mutation(({ ctx, input }) => resetStaffPassword({ db: ctx.db, actor: ctx.user, input }));
