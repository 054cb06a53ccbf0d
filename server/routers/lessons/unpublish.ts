import { z } from 'zod';
import { lessonIdInput } from '../../shared/lesson-schemas';
import { staffProcedure } from '../../trpc/procedures';
import { setLessonPublished } from '../../services/lessons/set-lesson-published';
import { LESSON_EDITOR_ROLES, lessonUnit } from './access';

export const unpublish = staffProcedure(LESSON_EDITOR_ROLES)
  .input(lessonIdInput)
  .scopedBy(lessonUnit)
  .meta({ summary: '撤回本单位已发布的一节课程（转为草稿，家长不再可见）' })
  .output(z.object({ ok: z.literal(true), published: z.boolean() }))
  .mutation(({ ctx, input }) =>
    setLessonPublished({ db: ctx.db, actor: ctx.user, input: { lessonId: input.lessonId, published: false } }),
  );
