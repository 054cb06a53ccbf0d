import { passwordLoginInput } from '../../shared/schemas';
import { publicProcedure } from '../../trpc/procedures';
import { loginWithPassword } from '../../services/auth/login-with-password';
import { loginOutput } from './outputs';

export const passwordLogin = publicProcedure
  .input(passwordLoginInput)
  .meta({ summary: '工作人员账号密码登录', rateLimit: { perIp: 30, windowSeconds: 60 } })
  .output(loginOutput)
  .mutation(({ ctx, input }) => loginWithPassword({ db: ctx.db, env: ctx.env, ip: ctx.ip ?? 'unknown', input }));
