import { z } from 'zod';
import { access, defineProcedureNoInput } from '../../trpc/access';
import { revokeSession } from '../../services/auth/tokens';

export const logout = defineProcedureNoInput({
  access: access.user(),
  summary: '退出登录（吊销当前令牌）',
  output: z.object({ ok: z.literal(true) }),
}).mutation(async ({ ctx }) => {
  await revokeSession(ctx.db, ctx.user!.sessionId);
  return { ok: true as const };
});
