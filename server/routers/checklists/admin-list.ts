import { z } from 'zod';
import { defineProcedure } from '../../trpc/access';
import { adminListChecklists } from '../../services/checklists/checklist-content';
import { checklistForEditor, provinceAdmins } from './outputs';

export const adminList = defineProcedure({
  access: provinceAdmins,
  summary: '清单编辑：全部清单的全部版本（省级系统管理员）',
  // No input of its own; an object so that the province scope check runs (it runs after input parsing).
  input: z.object({}).optional(),
  output: z.array(checklistForEditor),
}).query(({ ctx }) => adminListChecklists(ctx.db));
