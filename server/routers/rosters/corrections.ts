import { z } from 'zod';
import { schoolInput } from '../../shared/rosters';
import { staffProcedure } from '../../trpc/procedures';
import { rosterCorrections } from '../../services/rosters/roster-corrections';
import { ROSTER_KEEPERS } from './access';

export const corrections = staffProcedure(ROSTER_KEEPERS)
  .input(schoolInput)
  .scopedBy('schoolId')
  .meta({ summary: '家长申请更正：名册上孩子的姓名、年级或班级，家长说应为什么（在名册文件中改正后标记处理）' })
  .output(
    z.array(
      z.object({
        correctionId: z.string(),
        childId: z.string(),
        roster: z.object({
          name: z.string(),
          gradeLabel: z.string(),
          className: z.string().nullable(),
          left: z.boolean(),
        }),
        requested: z.object({
          name: z.string().nullable(),
          gradeLabel: z.string().nullable(),
          className: z.string().nullable(),
        }),
        note: z.string().nullable(),
        requestedBy: z.string(),
        requestedAt: z.string(),
      }),
    ),
  )
  .query(({ ctx }) => rosterCorrections({ db: ctx.db, unit: ctx.unit }));
