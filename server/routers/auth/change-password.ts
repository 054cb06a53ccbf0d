import { changePasswordInput } from '../../shared/admin';
import { userProcedure } from '../../trpc/procedures';
import { changePassword as changeService } from '../../services/auth/change-password';
import { ok } from '../outputs';

export const changePassword = userProcedure
  .input(changePasswordInput)
  .meta({
    summary: '修改本人的登录密码（初始密码必须先改；其他设备上的登录随之退出）',
    rateLimit: { perUser: 10, perIp: 30, windowSeconds: 600 },
    withoutPrivacyConsent: true,
  })
  .output(ok)
  .mutation(({ ctx, input }) => changeService({ db: ctx.db, actor: ctx.user, input }));
