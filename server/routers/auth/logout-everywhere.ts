import { z } from 'zod';
import { userProcedure } from '../../trpc/procedures';
import { logOutEverywhere } from '../../services/auth/log-out';

export const logoutEverywhere = userProcedure
  .meta({ summary: '在所有设备上退出登录（吊销本人的全部令牌，例如手机丢失后）', withoutPrivacyConsent: true })
  .output(z.object({ ok: z.literal(true), revoked: z.number().int() }))
  .mutation(({ ctx }) => logOutEverywhere({ db: ctx.db, actor: ctx.user }));
