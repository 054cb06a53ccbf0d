import { z } from 'zod';
import { lessonIdInput } from '../../shared/lesson-schemas';
import { staffProcedure } from '../../trpc/procedures';
import { setLessonPublished } from '../../services/lessons/set-lesson-published';
import { LESSON_EDITOR_ROLES, lessonUnit } from './access';

export const publish = staffProcedure(LESSON_EDITOR_ROLES)
  .input(lessonIdInput)
  .scopedBy(lessonUnit)
  .meta({ summary: '发布本单位的一节课程，范围内的家长即可看到' })
  .output(z.object({ ok: z.literal(true), published: z.boolean() }))
  .mutation(({ ctx, input }) =>
    setLessonPublished({ db: ctx.db, actor: ctx.user, input: { lessonId: input.lessonId, published: true } }),
  );
