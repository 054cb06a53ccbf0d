import { z } from 'zod';
import { rosterClassInput } from '../../shared/rosters';
import { staffProcedure } from '../../trpc/procedures';
import { classStudents } from '../../services/rosters/roster-views';
import { ROSTER_KEEPERS } from './access';

export const students = staffProcedure(ROSTER_KEEPERS)
  .input(rosterClassInput)
  .scopedBy('schoolId')
  .meta({ summary: '一个班的在册学生：所在家庭、是否已加入平台、名册上的联系人（部分隐藏）' })
  .output(
    z.array(
      z.object({
        childId: z.string(),
        name: z.string(),
        familyId: z.string(),
        householdKey: z.string().nullable(),
        joined: z.boolean(),
        siblings: z.number(),
        contact: z.string().nullable(),
        enrolledAt: z.string(),
      }),
    ),
  )
  .query(({ ctx, input }) => classStudents({ db: ctx.db, unit: ctx.unit, input }));
