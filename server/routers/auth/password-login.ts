import { passwordLoginInput } from '../../shared/schemas';
import { access, defineProcedure } from '../../trpc/access';
import { loginWithPassword } from '../../services/auth/login-with-password';
import { loginOutput } from './outputs';

export const passwordLogin = defineProcedure({
  access: access.public(),
  summary: '工作人员账号密码登录',
  input: passwordLoginInput,
  rateLimit: { perIp: 30, windowSeconds: 60 },
  output: loginOutput,
}).mutation(({ ctx, input }) => loginWithPassword(ctx.db, ctx.env, input.username, input.password));
