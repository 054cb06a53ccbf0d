import { z } from 'zod';
import { slotIdInput } from '../../shared/visits';
import { parentProcedure } from '../../trpc/procedures';
import { bookSlot } from '../../services/visits/booking';

export const book = parentProcedure
  .input(slotIdInput)
  .meta({ summary: '预约家访时段（一个时段只接待一个家庭；每个窗口每个家庭限约一次）' })
  .output(z.object({ visitId: z.string() }))
  .mutation(({ ctx, input }) => bookSlot({ db: ctx.db, actor: ctx.user, input }));
