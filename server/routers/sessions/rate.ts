import { rateSessionInput } from '../../shared/sessions';
import { access, defineProcedure } from '../../trpc/access';
import { rateSession } from '../../services/sessions/query-sessions';
import { ok } from './outputs';

export const rate = defineProcedure({
  access: access.parent(),
  summary: '参加后评分（1–5 分）与评价',
  input: rateSessionInput,
  output: ok,
}).mutation(({ ctx, input }) => rateSession(ctx.db, ctx.user!.familyId!, input));
