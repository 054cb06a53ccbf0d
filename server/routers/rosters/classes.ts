import { z } from 'zod';
import { schoolInput } from '../../shared/rosters';
import { staffProcedure } from '../../trpc/procedures';
import { rosterClasses } from '../../services/rosters/roster-views';
import { ROSTER_KEEPERS } from './access';

export const classes = staffProcedure(ROSTER_KEEPERS)
  .input(schoolInput)
  .scopedBy('schoolId')
  .meta({ summary: '学校名册上的班级：学生数、家庭数、已加入平台的家庭数、班主任、班级邀请码' })
  .output(
    z.array(
      z.object({
        grade: z.string(),
        gradeLabel: z.string(),
        className: z.string(),
        students: z.number(),
        households: z.number(),
        joined: z.number(),
        teacherName: z.string().nullable(),
        inviteCode: z.string().nullable(),
      }),
    ),
  )
  .query(({ ctx }) => rosterClasses({ db: ctx.db, unit: ctx.unit }));
