import { rateSessionInput } from '../../shared/sessions';
import { parentProcedure } from '../../trpc/procedures';
import { rateSession } from '../../services/sessions/query-sessions';
import { ok } from '../outputs';

export const rate = parentProcedure
  .input(rateSessionInput)
  .meta({ summary: '参加后评分（1–5 分）与评价' })
  .output(ok)
  .mutation(({ ctx, input }) => rateSession({ db: ctx.db, actor: ctx.user, input }));
