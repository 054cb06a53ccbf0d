import { sessionIdInput } from '../../shared/sessions';
import { defineProcedure } from '../../trpc/access';
import { publishSession } from '../../services/sessions/manage-session';
import { ok, sessionManagers } from './outputs';

export const publish = defineProcedure({
  access: sessionManagers(),
  summary: '发布草稿活动（家长可见、可报名）',
  input: sessionIdInput,
  output: ok,
}).mutation(({ ctx, input }) => publishSession(ctx.db, ctx.user!.id, input.sessionId));
