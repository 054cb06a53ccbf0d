import { z } from 'zod';
import { listLessonsInput } from '../../shared/lesson-schemas';
import { userProcedure } from '../../trpc/procedures';
import { listLessons } from '../../services/lessons/list-lessons';
import { lessonListItemOutput } from './outputs';

export const list = userProcedure
  .input(listLessonsInput)
  .meta({
    summary:
      '课程资源库（服务包）：本省及本校（站点）和上级单位已发布的课程，可按学段、主题、关键词筛选；工作人员另见本单位草稿',
  })
  .output(z.object({ items: z.array(lessonListItemOutput), nextCursor: z.string().nullable() }))
  .query(({ ctx, input }) => listLessons({ db: ctx.db, actor: ctx.user, input }));
