import { z } from 'zod';
import { sessionIdInput } from '../../shared/sessions';
import { access, defineProcedure } from '../../trpc/access';
import { cancelRegistration as cancelService } from '../../services/sessions/registration';

export const cancelRegistration = defineProcedure({
  access: access.parent(),
  summary: '取消我家的报名（第一位候补家庭在同一事务中递补）',
  input: sessionIdInput,
  output: z.object({ status: z.literal('CANCELLED') }),
}).mutation(({ ctx, input }) => cancelService(ctx.db, ctx.user!.id, ctx.user!.familyId!, input.sessionId));
