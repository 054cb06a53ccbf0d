import { checklistIdInput } from '../../shared/checklists';
import { defineProcedure } from '../../trpc/access';
import { publishChecklist } from '../../services/checklists/checklist-content';
import { ok, provinceAdmins } from './outputs';

export const publish = defineProcedure({
  access: provinceAdmins,
  summary: '发布清单的某个版本（同一清单的其他版本随之下线）',
  input: checklistIdInput,
  output: ok,
}).mutation(({ ctx, input }) => publishChecklist(ctx.db, ctx.user!.id, input.checklistId));
