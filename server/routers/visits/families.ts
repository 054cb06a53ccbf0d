import { z } from 'zod';
import { PRIORITY_REASONS, SPECIAL_GROUPS, windowIdInput } from '../../shared/visits';
import { staffProcedure } from '../../trpc/procedures';
import { windowFamilies } from '../../services/visits/people';
import { SCHOOL_STAFF, windowUnit } from './access';
import { childBrief, familyVisitStatus } from './outputs';

export const families = staffProcedure(SCHOOL_STAFF)
  .input(windowIdInput)
  .scopedBy(windowUnit)
  .meta({
    summary: '家访窗口内的家庭（教师只看分配给自己的家庭）：负责教师、孩子年级班级、重点关注原因、家访状态',
  })
  .output(
    z.array(
      z.object({
        familyId: z.string(),
        guardians: z.array(z.string()),
        children: z.array(childBrief),
        teacherId: z.string().nullable(),
        teacherName: z.string().nullable(),
        priorityReasons: z.array(z.enum(PRIORITY_REASONS)),
        specialGroups: z.array(z.enum(SPECIAL_GROUPS)),
        visitStatus: familyVisitStatus,
      }),
    ),
  )
  .query(({ ctx, input }) => windowFamilies({ db: ctx.db, actor: ctx.user, unit: ctx.unit, input }));
