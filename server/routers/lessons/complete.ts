import { z } from 'zod';
import { lessonIdInput } from '../../shared/lesson-schemas';
import { userProcedure } from '../../trpc/procedures';
import { completeLesson } from '../../services/lessons/complete-lesson';

export const complete = userProcedure
  .input(lessonIdInput)
  .meta({ summary: '标记一节课程为已学完（重复标记不重复计数），返回本人已学完的课程数' })
  .output(z.object({ ok: z.literal(true), completedCount: z.number().int() }))
  .mutation(({ ctx, input }) => completeLesson({ db: ctx.db, actor: ctx.user, input }));
