import { z } from 'zod';
import { orgUnitScopedInput } from '../../shared/schemas';
import { defineProcedure } from '../../trpc/access';
import { schoolStaff as staffService } from '../../services/visits/people';
import { COORDINATORS, unitStaff } from './scopes';

export const schoolStaff = defineProcedure({
  access: unitStaff(COORDINATORS),
  summary: '本校可承担家访的教师与心理健康教师',
  input: orgUnitScopedInput,
  output: z.array(z.object({ userId: z.string(), displayName: z.string(), role: z.enum(['TEACHER', 'COUNSELOR']) })),
}).query(({ ctx, input }) => staffService(ctx.db, input.orgUnitId));
