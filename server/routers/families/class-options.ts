import { z } from 'zod';
import { classOptionsInput } from '../../shared/families';
import { parentProcedure } from '../../trpc/procedures';
import { classOptions as classService } from '../../services/families/children';

export const classOptions = parentProcedure
  .input(classOptionsInput)
  .meta({ summary: '孩子学校的班级列表（班级名册与班级邀请码中的班级），登记孩子时从中选择' })
  .output(
    z.object({
      schoolName: z.string(),
      classes: z.array(z.object({ grade: z.string(), gradeLabel: z.string(), className: z.string() })),
    }),
  )
  .query(({ ctx, input }) => classService({ db: ctx.db, actor: ctx.user, input }));
