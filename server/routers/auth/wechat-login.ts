import { wechatLoginInput } from '../../shared/schemas';
import { access, defineProcedure } from '../../trpc/access';
import { loginWithWechat } from '../../services/auth/login-with-wechat';
import { loginOutput } from './outputs';

export const wechatLogin = defineProcedure({
  access: access.public(),
  summary: '微信登录（code2Session 在服务端完成）',
  input: wechatLoginInput,
  rateLimit: { perIp: 120, windowSeconds: 60 },
  output: loginOutput,
}).mutation(({ ctx, input }) => loginWithWechat(ctx.db, ctx.env, ctx.wechat, input.code));
