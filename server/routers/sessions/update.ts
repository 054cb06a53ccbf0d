import { z } from 'zod';
import { updateSessionInput } from '../../shared/sessions';
import { defineProcedure } from '../../trpc/access';
import { updateSession } from '../../services/sessions/manage-session';
import { sessionManagers } from './outputs';

export const update = defineProcedure({
  access: sessionManagers(),
  summary: '修改活动（名额增加时按顺序递补候补家庭）',
  input: updateSessionInput,
  output: z.object({ ok: z.literal(true), promoted: z.number() }),
}).mutation(({ ctx, input }) => {
  const { sessionId, ...patch } = input;
  return updateSession(ctx.db, ctx.user!.id, sessionId, patch);
});
