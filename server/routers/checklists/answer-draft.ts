import { z } from 'zod';
import { answerDraftKeyInput } from '../../shared/checklists';
import { parentProcedure } from '../../trpc/procedures';
import { answerDraft as draftService } from '../../services/checklists/answer-drafts';

export const answerDraft = parentProcedure
  .input(answerDraftKeyInput)
  .meta({ summary: '我为这个孩子填写这份清单时保存的作答（尚未提交；解密，记入审计日志）' })
  .output(
    z
      .object({
        answers: z.record(z.string(), z.union([z.literal(0), z.literal(1), z.literal(2)])),
        step: z.number().int(),
        updatedAt: z.string(),
      })
      .nullable(),
  )
  .query(({ ctx, input }) => draftService({ db: ctx.db, cipher: ctx.cipher, actor: ctx.user, input }));
