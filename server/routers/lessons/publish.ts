import { z } from 'zod';
import { lessonIdInput } from '../../shared/lesson-schemas';
import { access, defineProcedure } from '../../trpc/access';
import { setLessonPublished } from '../../services/lessons/set-lesson-published';
import { LESSON_EDITOR_ROLES, lessonOrgUnitId } from '../../services/lessons/lesson-access';

export const publish = defineProcedure({
  access: access.staff(LESSON_EDITOR_ROLES, (input: { lessonId: string }, ctx) => lessonOrgUnitId(ctx.db, input.lessonId), 'lessonId → 课程所属单位'),
  summary: '发布本单位的一节课程，范围内的家长即可看到',
  input: lessonIdInput,
  output: z.object({ ok: z.literal(true), published: z.boolean() }),
}).mutation(({ ctx, input }) => setLessonPublished(ctx.db, ctx.user!.id, input.lessonId, true));
