import { z } from 'zod';
import { lessonIdInput } from '../../shared/lesson-schemas';
import { access, defineProcedure } from '../../trpc/access';
import { completeLesson } from '../../services/lessons/complete-lesson';

export const complete = defineProcedure({
  access: access.user(),
  summary: '标记一节课程为已学完（重复标记不重复计数），返回本人已学完的课程数',
  input: lessonIdInput,
  output: z.object({ ok: z.literal(true), completedCount: z.number().int() }),
}).mutation(({ ctx, input }) => completeLesson(ctx.db, ctx.user!, input.lessonId));
