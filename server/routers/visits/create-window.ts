import { z } from 'zod';
import { createWindowInput } from '../../shared/visits';
import { defineProcedure } from '../../trpc/access';
import { createWindow as createWindowService } from '../../services/visits/windows';
import { COORDINATORS, unitStaff } from './scopes';

export const createWindow = defineProcedure({
  access: unitStaff(COORDINATORS),
  summary: '开设寒暑假家访或学期中电话家访窗口（按班主任默认分配家庭）',
  input: createWindowInput,
  output: z.object({ id: z.string() }),
}).mutation(({ ctx, input }) => createWindowService(ctx.db, ctx.user!.id, input));
