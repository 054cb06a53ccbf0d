import { z } from 'zod';
import { updateSessionInput } from '../../shared/sessions';
import { staffProcedure } from '../../trpc/procedures';
import { updateSession } from '../../services/sessions/manage-session';
import { SESSION_MANAGERS, sessionUnit } from './access';

export const update = staffProcedure(SESSION_MANAGERS)
  .input(updateSessionInput)
  .scopedBy(sessionUnit)
  .meta({ summary: '修改活动（名额增加时按顺序递补候补家庭）' })
  .output(z.object({ ok: z.literal(true), promoted: z.number() }))
  .mutation(({ ctx, input }) => updateSession({ db: ctx.db, actor: ctx.user, input }));
