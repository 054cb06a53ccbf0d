import { z } from 'zod';
import { updateLessonInput } from '../../shared/lesson-schemas';
import { access, defineProcedure } from '../../trpc/access';
import { updateLesson } from '../../services/lessons/update-lesson';
import { LESSON_EDITOR_ROLES, lessonOrgUnitId } from '../../services/lessons/lesson-access';

export const update = defineProcedure({
  access: access.staff(LESSON_EDITOR_ROLES, (input: { lessonId: string }, ctx) => lessonOrgUnitId(ctx.db, input.lessonId), 'lessonId → 课程所属单位'),
  summary: '修改本单位的一节课程（只改传入的字段）',
  input: updateLessonInput,
  output: z.object({ id: z.string() }),
}).mutation(({ ctx, input }) => updateLesson(ctx.db, ctx.user!.id, input));
