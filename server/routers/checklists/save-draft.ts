import { z } from 'zod';
import { saveChecklistDraftInput } from '../../shared/checklists';
import { staffProcedure } from '../../trpc/procedures';
import { saveChecklistDraft } from '../../services/checklists/checklist-content';
import { theProvince } from './access';

export const saveDraft = staffProcedure(['ADMIN'])
  .input(saveChecklistDraftInput)
  .scopedBy(theProvince)
  .meta({ summary: '保存清单草稿：生成该清单的下一个版本（未发布；已发布的版本从不修改）' })
  .output(z.object({ id: z.string(), version: z.number().int() }))
  .mutation(({ ctx, input }) => saveChecklistDraft({ db: ctx.db, actor: ctx.user, input }));
