import { z } from 'zod';
import { wechatPhoneInput } from '../../shared/contacts';
import { parentProcedure } from '../../trpc/procedures';
import { setMobileFromWechat } from '../../services/families/contacts';

export const mobileFromWechat = parentProcedure
  .input(wechatPhoneInput)
  .meta({ summary: '用微信绑定的手机号作为联系手机（小程序 getPhoneNumber 按钮的 code，由服务端向微信换取号码）' })
  .output(z.object({ mobileMasked: z.string().nullable() }))
  .mutation(({ ctx, input }) =>
    setMobileFromWechat({ db: ctx.db, cipher: ctx.cipher, wechat: ctx.wechat, actor: ctx.user, input }),
  );
