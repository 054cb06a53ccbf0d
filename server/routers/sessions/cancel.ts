import { z } from 'zod';
import { cancelSessionInput } from '../../shared/sessions';
import { staffProcedure } from '../../trpc/procedures';
import { cancelSession } from '../../services/sessions/manage-session';
import { SESSION_MANAGERS, sessionUnit } from './access';

export const cancel = staffProcedure(SESSION_MANAGERS)
  .input(cancelSessionInput)
  .scopedBy(sessionUnit)
  .meta({ summary: '取消活动并通知所有已报名家庭' })
  .output(z.object({ ok: z.literal(true), notifiedFamilies: z.number() }))
  .mutation(({ ctx, input }) => cancelSession({ db: ctx.db, actor: ctx.user, input }));
