import { z } from 'zod';
import { createSessionInput } from '../../shared/sessions';
import { staffProcedure } from '../../trpc/procedures';
import { createSession } from '../../services/sessions/create-session';
import { SESSION_MANAGERS } from './access';

export const create = staffProcedure(SESSION_MANAGERS)
  .input(createSessionInput)
  .scopedBy('orgUnitId')
  .meta({ summary: '开设一场指导服务、家长学校课程、讲座、沙龙或新生家长课堂' })
  .output(z.object({ id: z.string() }))
  .mutation(({ ctx, input }) => createSession({ db: ctx.db, actor: ctx.user, unit: ctx.unit, input }));
