import { z } from 'zod';
import { createLessonInput } from '../../shared/lesson-schemas';
import { staffProcedure } from '../../trpc/procedures';
import { createLesson } from '../../services/lessons/create-lesson';
import { LESSON_EDITOR_ROLES } from './access';

export const create = staffProcedure(LESSON_EDITOR_ROLES)
  .input(createLessonInput)
  .scopedBy('orgUnitId')
  .meta({
    summary: '在本单位新建一节课程（草稿）：系统管理员在省级，家长学校负责人、心理健康教师在本校（站点）',
  })
  .output(z.object({ id: z.string() }))
  .mutation(({ ctx, input }) => createLesson({ db: ctx.db, actor: ctx.user, input }));
