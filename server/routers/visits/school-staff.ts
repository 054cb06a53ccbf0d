import { z } from 'zod';
import { orgUnitScopedInput } from '../../shared/schemas';
import { staffProcedure } from '../../trpc/procedures';
import { schoolStaff as staffService } from '../../services/visits/people';
import { COORDINATORS } from './access';

export const schoolStaff = staffProcedure(COORDINATORS)
  .input(orgUnitScopedInput)
  .scopedBy('orgUnitId')
  .meta({ summary: '本校可承担家访的教师与心理健康教师' })
  .output(z.array(z.object({ userId: z.string(), displayName: z.string(), role: z.enum(['TEACHER', 'COUNSELOR']) })))
  .query(({ ctx }) => staffService({ db: ctx.db, unit: ctx.unit }));
