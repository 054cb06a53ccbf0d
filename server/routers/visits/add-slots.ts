import { z } from 'zod';
import { addSlotsInput } from '../../shared/visits';
import { staffProcedure } from '../../trpc/procedures';
import { addSlots as addSlotsService } from '../../services/visits/slots';
import { VISITORS, windowUnit } from './access';

export const addSlots = staffProcedure(VISITORS)
  .input(addSlotsInput)
  .scopedBy(windowUnit)
  .meta({ summary: '发布自己的家访时段（与自己其他时段重叠时拒绝，409）' })
  .output(z.object({ created: z.number() }))
  .mutation(({ ctx, input }) => addSlotsService({ db: ctx.db, actor: ctx.user, input }));
