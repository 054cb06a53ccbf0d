import { answerDraftKeyInput } from '../../shared/checklists';
import { parentProcedure } from '../../trpc/procedures';
import { discardAnswerDraft as discardService } from '../../services/checklists/answer-drafts';
import { ok } from '../outputs';

export const discardAnswerDraft = parentProcedure
  .input(answerDraftKeyInput)
  .meta({ summary: '删除保存的未提交作答，从头填写', withoutPrivacyConsent: true })
  .output(ok)
  .mutation(({ ctx, input }) => discardService({ db: ctx.db, actor: ctx.user, input }));
