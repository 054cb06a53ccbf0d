import { saveAnswerDraftInput } from '../../shared/checklists';
import { parentProcedure } from '../../trpc/procedures';
import { saveAnswerDraft as saveService } from '../../services/checklists/answer-drafts';
import { ok } from '../outputs';

export const saveAnswerDraft = parentProcedure
  .input(saveAnswerDraftInput)
  .meta({
    summary: '保存尚未提交的清单作答（加密；刷新或返回后接着填写，提交后删除；须先单独同意）',
    rateLimit: { perUser: 600, windowSeconds: 600 },
  })
  .output(ok)
  .mutation(({ ctx, input }) => saveService({ db: ctx.db, cipher: ctx.cipher, actor: ctx.user, input }));
