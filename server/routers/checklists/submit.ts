import { z } from 'zod';
import { submitChecklistInput } from '../../shared/checklists';
import { parentProcedure } from '../../trpc/procedures';
import { submitChecklist } from '../../services/checklists/submit-checklist';
import { hotline, tier } from './outputs';

export const submit = parentProcedure
  .input(submitChecklistInput)
  .meta({
    summary: '为自家孩子填写心理预警清单（须先单独同意；作答加密保存；选择分享且需要时转介给学校心理健康教师）',
    rateLimit: { perUser: 10, perIp: 600, windowSeconds: 600 },
  })
  .output(
    z.object({ tier, advice: z.string(), hotlines: z.array(hotline), responseId: z.string(), referred: z.boolean() }),
  )
  .mutation(({ ctx, input }) =>
    submitChecklist({
      db: ctx.db,
      env: ctx.env,
      cipher: ctx.cipher,
      actor: ctx.user,
      input,
      onConfigError: (message) => ctx.log.warn(message),
    }),
  );
