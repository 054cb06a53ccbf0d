import { z } from 'zod';
import { cancelSessionInput } from '../../shared/sessions';
import { defineProcedure } from '../../trpc/access';
import { cancelSession } from '../../services/sessions/manage-session';
import { sessionManagers } from './outputs';

export const cancel = defineProcedure({
  access: sessionManagers(),
  summary: '取消活动并通知所有已报名家庭',
  input: cancelSessionInput,
  output: z.object({ ok: z.literal(true), notifiedFamilies: z.number() }),
}).mutation(({ ctx, input }) => cancelSession(ctx.db, ctx.user!.id, input.sessionId, input.reason));
