import { z } from 'zod';
import { idSchema } from '../../shared/schemas';
import { access, defineProcedure } from '../../trpc/access';
import { completeFollowUp as completeService } from '../../services/visits/records';
import { VISITORS } from './scopes';
import { ok } from './outputs';

export const completeFollowUp = defineProcedure({
  access: access.staff(VISITORS),
  summary: '完成一项自己的跟进事项',
  input: z.object({ followUpId: idSchema }),
  output: ok,
}).mutation(({ ctx, input }) => completeService(ctx.db, ctx.user!.id, input.followUpId));
