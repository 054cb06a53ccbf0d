import { z } from 'zod';
import { updateLessonInput } from '../../shared/lesson-schemas';
import { staffProcedure } from '../../trpc/procedures';
import { updateLesson } from '../../services/lessons/update-lesson';
import { LESSON_EDITOR_ROLES, lessonUnit } from './access';

export const update = staffProcedure(LESSON_EDITOR_ROLES)
  .input(updateLessonInput)
  .scopedBy(lessonUnit)
  .meta({ summary: '修改本单位的一节课程（只改传入的字段）' })
  .output(z.object({ id: z.string() }))
  .mutation(({ ctx, input }) => updateLesson({ db: ctx.db, actor: ctx.user, input }));
