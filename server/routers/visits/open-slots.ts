import { z } from 'zod';
import { windowIdInput } from '../../shared/visits';
import { parentProcedure } from '../../trpc/procedures';
import { openSlots as openSlotsService } from '../../services/visits/slots';
import { visitMode } from './outputs';

export const openSlots = parentProcedure
  .input(windowIdInput)
  .meta({ summary: '可预约的家访时段（本校家庭；已分配教师的只显示该教师的时段）' })
  .output(
    z.array(
      z.object({
        slotId: z.string(),
        teacherName: z.string(),
        startsAt: z.string(),
        endsAt: z.string(),
        mode: visitMode,
      }),
    ),
  )
  .query(({ ctx, input }) => openSlotsService({ db: ctx.db, actor: ctx.user, input }));
