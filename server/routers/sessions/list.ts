import { z } from 'zod';
import { listSessionsInput } from '../../shared/sessions';
import { userProcedure } from '../../trpc/procedures';
import { listSessions } from '../../services/sessions/query-sessions';
import { sessionListItem } from './outputs';

export const list = userProcedure
  .input(listSessionsInput)
  .meta({ summary: '活动列表（家长：本县区内已发布的活动；工作人员：管辖范围内的活动）' })
  .output(z.object({ items: z.array(sessionListItem), nextCursor: z.string().nullable() }))
  .query(({ ctx, input }) => listSessions({ db: ctx.db, actor: ctx.user, input }));
