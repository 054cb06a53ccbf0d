import { parentProcedure } from '../../trpc/procedures';
import { leaveFamily } from '../../services/families/erasure';
import { ok } from '../outputs';

export const leave = parentProcedure
  .meta({
    summary: '离开这个家庭（家里还有其他监护人时）：本人填写的清单作答一并删除，孩子和家庭的记录留给其他监护人',
    withoutPrivacyConsent: true,
  })
  .output(ok)
  .mutation(({ ctx }) => leaveFamily({ db: ctx.db, actor: ctx.user }));
