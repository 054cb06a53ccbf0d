import { z } from 'zod';
import { listChecklistsInput } from '../../shared/checklists';
import { access, defineProcedure } from '../../trpc/access';
import { listPublishedChecklists } from '../../services/checklists/checklist-content';
import { checklistForParents } from './outputs';

export const list = defineProcedure({
  access: access.user(),
  summary: '已发布的心理预警清单（每种清单的最新版本；按适用对象筛选时含各学段通用清单）',
  input: listChecklistsInput,
  output: z.array(checklistForParents),
}).query(({ ctx, input }) => listPublishedChecklists(ctx.db, input?.stage));
