import { userProcedure } from '../../trpc/procedures';
import { revokeSession } from '../../services/auth/tokens';
import { ok } from '../outputs';

export const logout = userProcedure
  .meta({ summary: '退出登录（吊销当前令牌）' })
  .output(ok)
  .mutation(async ({ ctx }) => {
    await revokeSession(ctx.db, ctx.user.sessionId);
    return { ok: true as const };
  });
