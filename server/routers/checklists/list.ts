import { z } from 'zod';
import { listChecklistsInput } from '../../shared/checklists';
import { userProcedure } from '../../trpc/procedures';
import { listPublishedChecklists } from '../../services/checklists/checklist-content';
import { checklistForParents } from './outputs';

export const list = userProcedure
  .input(listChecklistsInput)
  .meta({ summary: '已发布的心理预警清单（每种清单的最新版本；按适用对象筛选时含各学段通用清单）' })
  .output(z.array(checklistForParents))
  .query(({ ctx, input }) => listPublishedChecklists({ db: ctx.db, input }));
