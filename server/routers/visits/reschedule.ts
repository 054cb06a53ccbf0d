import { z } from 'zod';
import { rescheduleInput } from '../../shared/visits';
import { parentProcedure } from '../../trpc/procedures';
import { rescheduleVisit } from '../../services/visits/booking';

export const reschedule = parentProcedure
  .input(rescheduleInput)
  .meta({ summary: '改约到同一窗口的另一个时段' })
  .output(z.object({ visitId: z.string() }))
  .mutation(({ ctx, input }) => rescheduleVisit({ db: ctx.db, cipher: ctx.cipher, actor: ctx.user, input }));
