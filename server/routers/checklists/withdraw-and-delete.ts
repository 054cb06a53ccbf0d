import { z } from 'zod';
import { parentProcedure } from '../../trpc/procedures';
import { withdrawAndDelete as withdrawAndDeleteService } from '../../services/checklists/responses';

export const withdrawAndDelete = parentProcedure
  .meta({ summary: '撤回心理预警清单的单独同意，并删除我家保存的全部作答', withoutPrivacyConsent: true })
  .output(z.object({ ok: z.literal(true), deleted: z.number().int() }))
  .mutation(({ ctx }) => withdrawAndDeleteService({ db: ctx.db, actor: ctx.user }));
