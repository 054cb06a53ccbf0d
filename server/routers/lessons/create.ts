import { z } from 'zod';
import { createLessonInput } from '../../shared/lesson-schemas';
import { access, defineProcedure } from '../../trpc/access';
import { createLesson } from '../../services/lessons/create-lesson';
import { LESSON_EDITOR_ROLES } from '../../services/lessons/lesson-access';

export const create = defineProcedure({
  access: access.staff(LESSON_EDITOR_ROLES, (input: { orgUnitId: string }) => input.orgUnitId, 'orgUnitId'),
  summary: '在本单位新建一节课程（草稿）：系统管理员在省级，家长学校负责人、心理健康教师在本校（站点）',
  input: createLessonInput,
  output: z.object({ id: z.string() }),
}).mutation(({ ctx, input }) => createLesson(ctx.db, ctx.user!.id, input));
