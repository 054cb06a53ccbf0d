import { z } from 'zod';
import { addSlotsInput } from '../../shared/visits';
import { defineProcedure } from '../../trpc/access';
import { addSlots as addSlotsService } from '../../services/visits/slots';
import { VISITORS, windowStaff } from './scopes';

export const addSlots = defineProcedure({
  access: windowStaff(VISITORS),
  summary: '发布自己的家访时段（与自己其他时段重叠时拒绝，409）',
  input: addSlotsInput,
  output: z.object({ created: z.number() }),
}).mutation(({ ctx, input }) => addSlotsService(ctx.db, ctx.user!.id, input.windowId, input.slots));
