import { wechatLoginInput } from '../../shared/schemas';
import { publicProcedure } from '../../trpc/procedures';
import { loginWithWechat } from '../../services/auth/login-with-wechat';
import { loginOutput } from './outputs';

export const wechatLogin = publicProcedure
  .input(wechatLoginInput)
  .meta({ summary: '微信登录（code2Session 在服务端完成）', rateLimit: { perIp: 120, windowSeconds: 60 } })
  .output(loginOutput)
  .mutation(({ ctx, input }) => loginWithWechat({ db: ctx.db, env: ctx.env, wechat: ctx.wechat, input }));
