import { userProcedure } from '../../trpc/procedures';
import { logOut } from '../../services/auth/log-out';
import { ok } from '../outputs';

export const logout = userProcedure
  .meta({ summary: '退出登录（吊销当前令牌）', withoutPrivacyConsent: true })
  .output(ok)
  .mutation(({ ctx }) => logOut({ db: ctx.db, actor: ctx.user }));
