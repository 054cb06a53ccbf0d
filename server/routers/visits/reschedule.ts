import { z } from 'zod';
import { rescheduleInput } from '../../shared/visits';
import { access, defineProcedure } from '../../trpc/access';
import { rescheduleVisit } from '../../services/visits/booking';

export const reschedule = defineProcedure({
  access: access.parent(),
  summary: '改约到同一窗口的另一个时段',
  input: rescheduleInput,
  output: z.object({ visitId: z.string() }),
}).mutation(({ ctx, input }) => rescheduleVisit(ctx.db, ctx.user!.id, ctx.user!.familyId!, input.visitId, input.slotId));
