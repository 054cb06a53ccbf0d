import { z } from 'zod';
import { addSlotsBulkInput } from '../../shared/visits';
import { defineProcedure } from '../../trpc/access';
import { addSlots, expandBulk } from '../../services/visits/slots';
import { VISITORS, windowStaff } from './scopes';

export const addSlotsBulk = defineProcedure({
  access: windowStaff(VISITORS),
  summary: '批量发布家访时段：日期 × 时间段 × 每次时长 × 方式',
  input: addSlotsBulkInput,
  output: z.object({ created: z.number() }),
}).mutation(async ({ ctx, input }) => {
  const w = await ctx.db.visitWindow.findUnique({ where: { id: input.windowId }, select: { travelBufferMinutes: true } });
  return addSlots(ctx.db, ctx.user!.id, input.windowId, expandBulk(input, w?.travelBufferMinutes ?? 0));
});
