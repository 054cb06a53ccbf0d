import { z } from 'zod';
import { addSlotsBulkInput } from '../../shared/visits';
import { staffProcedure } from '../../trpc/procedures';
import { addSlotsBulk as addSlotsBulkService } from '../../services/visits/slots';
import { VISITORS, windowUnit } from './access';

export const addSlotsBulk = staffProcedure(VISITORS)
  .input(addSlotsBulkInput)
  .scopedBy(windowUnit)
  .meta({ summary: '批量发布家访时段：日期 × 时间段 × 每次时长 × 方式' })
  .output(z.object({ created: z.number() }))
  .mutation(({ ctx, input }) => addSlotsBulkService({ db: ctx.db, actor: ctx.user, input }));
