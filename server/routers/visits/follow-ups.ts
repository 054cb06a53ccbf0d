import { z } from 'zod';
import { staffProcedure } from '../../trpc/procedures';
import { teacherFollowUps } from '../../services/visits/records';
import { VISITORS } from './access';

export const followUps = staffProcedure(VISITORS)
  .meta({ summary: '我的家访跟进事项（未完成）' })
  .output(z.array(z.object({ id: z.string(), action: z.string(), dueOn: z.string(), visitId: z.string() })))
  .query(({ ctx }) => teacherFollowUps({ db: ctx.db, actor: ctx.user }));
