import { z } from 'zod';
import { saveChecklistDraftInput } from '../../shared/checklists';
import { defineProcedure } from '../../trpc/access';
import { saveChecklistDraft } from '../../services/checklists/checklist-content';
import { provinceAdmins } from './outputs';

export const saveDraft = defineProcedure({
  access: provinceAdmins,
  summary: '保存清单草稿：生成该清单的下一个版本（未发布；已发布的版本从不修改）',
  input: saveChecklistDraftInput,
  output: z.object({ id: z.string(), version: z.number().int() }),
}).mutation(({ ctx, input }) => saveChecklistDraft(ctx.db, ctx.user!.id, input));
