import { checklistIdInput } from '../../shared/checklists';
import { staffProcedure } from '../../trpc/procedures';
import { publishChecklist } from '../../services/checklists/checklist-content';
import { ok } from '../outputs';
import { theProvince } from './access';

export const publish = staffProcedure(['ADMIN'])
  .input(checklistIdInput)
  .scopedBy(theProvince)
  .meta({ summary: '发布清单的某个版本（同一清单的其他版本随之下线）' })
  .output(ok)
  .mutation(({ ctx, input }) => publishChecklist({ db: ctx.db, actor: ctx.user, input }));
