import { z } from 'zod';
import { access, defineProcedureNoInput } from '../../trpc/access';
import { teacherFollowUps } from '../../services/visits/records';
import { VISITORS } from './scopes';

export const followUps = defineProcedureNoInput({
  access: access.staff(VISITORS),
  summary: '我的家访跟进事项（未完成）',
  output: z.array(z.object({ id: z.string(), action: z.string(), dueOn: z.string(), visitId: z.string() })),
}).query(({ ctx }) => teacherFollowUps(ctx.db, ctx.user!.id));
