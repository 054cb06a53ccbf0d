import { z } from 'zod';
import { orgUnitScopedInput } from '../../shared/schemas';
import { access, defineProcedure } from '../../trpc/access';
import { lessonStats } from '../../services/lessons/lesson-stats';
import { LESSON_EDITOR_ROLES } from '../../services/lessons/lesson-access';

export const stats = defineProcedure({
  access: access.staff(LESSON_EDITOR_ROLES, (input: { orgUnitId: string }) => input.orgUnitId, 'orgUnitId'),
  summary: '本单位课程的学习统计：每节课程的学完人数与家庭数（只有数字，不含姓名）',
  input: orgUnitScopedInput,
  output: z.object({
    items: z.array(
      z.object({
        lessonId: z.string(),
        title: z.string(),
        topic: z.string(),
        topicLabel: z.string(),
        published: z.boolean(),
        completedCount: z.number().int(),
        familyCount: z.number().int(),
      }),
    ),
  }),
}).query(({ ctx, input }) => lessonStats(ctx.db, input.orgUnitId));
