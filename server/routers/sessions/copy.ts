import { z } from 'zod';
import { copySessionInput } from '../../shared/sessions';
import { staffProcedure } from '../../trpc/procedures';
import { copySession } from '../../services/sessions/create-session';
import { SESSION_MANAGERS, sessionUnit } from './access';

export const copy = staffProcedure(SESSION_MANAGERS)
  .input(copySessionInput)
  .scopedBy(sessionUnit)
  .meta({ summary: '复制活动：同样的名称、类型、形式、地点、名额和课程，另选时间，存为草稿' })
  .output(z.object({ id: z.string() }))
  .mutation(({ ctx, input }) => copySession({ db: ctx.db, actor: ctx.user, input }));
