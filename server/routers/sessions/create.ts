import { z } from 'zod';
import { createSessionInput } from '../../shared/sessions';
import { access, defineProcedure } from '../../trpc/access';
import { createSession } from '../../services/sessions/create-session';

export const create = defineProcedure({
  access: access.staff(['ADMIN', 'COORDINATOR'], (input: { orgUnitId: string }) => input.orgUnitId, 'orgUnitId'),
  summary: '开设一场指导服务、家长学校课程、讲座、沙龙或新生家长课堂',
  input: createSessionInput,
  output: z.object({ id: z.string() }),
}).mutation(({ ctx, input }) => createSession(ctx.db, ctx.user!.id, input));
