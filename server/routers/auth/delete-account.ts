import { userProcedure } from '../../trpc/procedures';
import { deleteAccount as deleteService } from '../../services/families/erasure';
import { ok } from '../outputs';

export const deleteAccount = userProcedure
  .meta({
    summary: '注销我的账号：删除微信身份、姓名、同意记录、本人填写的清单作答和登录；已计入的统计数字不变',
    withoutPrivacyConsent: true,
  })
  .output(ok)
  .mutation(({ ctx }) => deleteService({ db: ctx.db, actor: ctx.user }));
