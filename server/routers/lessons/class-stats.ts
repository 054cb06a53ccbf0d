import { z } from 'zod';
import { lessonClassStatsInput } from '../../shared/lesson-schemas';
import { staffProcedure } from '../../trpc/procedures';
import { lessonClassStats } from '../../services/lessons/lesson-stats';
import { LESSON_EDITOR_ROLES } from './access';

export const classStats = staffProcedure(LESSON_EDITOR_ROLES)
  .input(lessonClassStatsInput)
  .scopedBy('orgUnitId')
  .meta({ summary: '一节课程在本校各班的学完情况：每班家庭数与已学完的家庭数（只有数字，不含姓名）' })
  .output(
    z.object({
      title: z.string(),
      classes: z.array(
        z.object({
          grade: z.string(),
          className: z.string(),
          families: z.number().int(),
          completedFamilies: z.number().int(),
        }),
      ),
    }),
  )
  .query(({ ctx, input }) => lessonClassStats({ db: ctx.db, unit: ctx.unit, input }));
