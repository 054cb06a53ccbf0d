import { z } from 'zod';
import { schoolInput } from '../../shared/rosters';
import { staffProcedure } from '../../trpc/procedures';
import { pendingFamilies } from '../../services/rosters/roster-views';
import { ROSTER_KEEPERS } from './access';

const child = z.object({ name: z.string(), gradeLabel: z.string(), className: z.string().nullable() });

export const pending = staffProcedure(ROSTER_KEEPERS)
  .input(schoolInput)
  .scopedBy('schoolId')
  .meta({ summary: '待核对：已加入本校但不在名册上的家庭，以及名册上同名的学生' })
  .output(
    z.array(
      z.object({
        familyId: z.string(),
        joinedAt: z.string(),
        guardians: z.array(z.object({ relation: z.string(), displayName: z.string() })),
        children: z.array(child),
        matches: z.array(child.extend({ familyId: z.string(), joined: z.boolean() })),
      }),
    ),
  )
  .query(({ ctx }) => pendingFamilies({ db: ctx.db, unit: ctx.unit }));
