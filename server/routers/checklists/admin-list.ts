import { z } from 'zod';
import { staffProcedure } from '../../trpc/procedures';
import { adminListChecklists } from '../../services/checklists/checklist-content';
import { theProvince } from './access';
import { checklistForEditor } from './outputs';

export const adminList = staffProcedure(['ADMIN'])
  // No input of its own; an object so that the province scope check runs (it runs after input parsing).
  .input(z.object({}).optional())
  .scopedBy(theProvince)
  .meta({ summary: '清单编辑：全部清单的全部版本（省级系统管理员）' })
  .output(z.array(checklistForEditor))
  .query(({ ctx }) => adminListChecklists({ db: ctx.db }));
