import { z } from 'zod';
import { SPECIAL_GROUPS, visitsDueInput } from '../../shared/visits';
import { staffProcedure } from '../../trpc/procedures';
import { visitsDue } from '../../services/visits/special-groups';

export const due = staffProcedure(['COORDINATOR', 'COUNSELOR', 'TEACHER'])
  .input(visitsDueInput)
  .scopedBy('orgUnitId')
  .meta({ summary: '本学期待家访的特殊群体家庭（及负责的班主任；教师只看本班）' })
  .output(
    z.array(
      z.object({
        familyId: z.string(),
        groups: z.array(z.enum(SPECIAL_GROUPS)),
        teacherName: z.string().nullable(),
        childName: z.string().nullable(),
        grade: z.string().nullable(),
        className: z.string().nullable(),
      }),
    ),
  )
  .query(({ ctx }) => visitsDue({ db: ctx.db, actor: ctx.user, unit: ctx.unit }));
