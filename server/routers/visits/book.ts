import { z } from 'zod';
import { slotIdInput } from '../../shared/visits';
import { access, defineProcedure } from '../../trpc/access';
import { bookSlot } from '../../services/visits/booking';

export const book = defineProcedure({
  access: access.parent(),
  summary: '预约家访时段（一个时段只接待一个家庭；每个窗口每个家庭限约一次）',
  input: slotIdInput,
  output: z.object({ visitId: z.string() }),
}).mutation(({ ctx, input }) => bookSlot(ctx.db, ctx.user!.id, ctx.user!.familyId!, input.slotId));
