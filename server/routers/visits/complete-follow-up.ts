import { followUpIdInput } from '../../shared/visits';
import { staffProcedure } from '../../trpc/procedures';
import { completeFollowUp as completeService } from '../../services/visits/records';
import { ok } from '../outputs';
import { VISITORS } from './access';

export const completeFollowUp = staffProcedure(VISITORS)
  .input(followUpIdInput)
  .meta({ summary: '完成一项自己的跟进事项' })
  .output(ok)
  .mutation(({ ctx, input }) => completeService({ db: ctx.db, actor: ctx.user, input }));
