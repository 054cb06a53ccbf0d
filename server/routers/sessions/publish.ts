import { sessionIdInput } from '../../shared/sessions';
import { staffProcedure } from '../../trpc/procedures';
import { publishSession } from '../../services/sessions/manage-session';
import { ok } from '../outputs';
import { SESSION_MANAGERS, sessionUnit } from './access';

export const publish = staffProcedure(SESSION_MANAGERS)
  .input(sessionIdInput)
  .scopedBy(sessionUnit)
  .meta({ summary: '发布草稿活动（家长可见、可报名）' })
  .output(ok)
  .mutation(({ ctx, input }) => publishSession({ db: ctx.db, actor: ctx.user, input }));
