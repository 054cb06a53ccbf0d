import { z } from 'zod';
import { setMyMobileInput } from '../../shared/contacts';
import { parentProcedure } from '../../trpc/procedures';
import { setMyMobile } from '../../services/families/contacts';

export const setMobile = parentProcedure
  .input(setMyMobileInput)
  .meta({ summary: '填写、修改或删除我的联系手机（加密保存；只有家访老师和跟进的心理健康教师能看到完整号码）' })
  .output(z.object({ mobileMasked: z.string().nullable() }))
  .mutation(({ ctx, input }) => setMyMobile({ db: ctx.db, cipher: ctx.cipher, actor: ctx.user, input }));
