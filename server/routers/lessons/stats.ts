import { z } from 'zod';
import { orgUnitScopedInput } from '../../shared/schemas';
import { staffProcedure } from '../../trpc/procedures';
import { lessonStats } from '../../services/lessons/lesson-stats';
import { LESSON_EDITOR_ROLES } from './access';

export const stats = staffProcedure(LESSON_EDITOR_ROLES)
  .input(orgUnitScopedInput)
  .scopedBy('orgUnitId')
  .meta({ summary: '本单位课程的学习统计：每节课程的学完人数与家庭数（只有数字，不含姓名）' })
  .output(
    z.object({
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
  )
  .query(({ ctx }) => lessonStats({ db: ctx.db, unit: ctx.unit }));
