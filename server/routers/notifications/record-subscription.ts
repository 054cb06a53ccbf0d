import { z } from 'zod';
import { userProcedure } from '../../trpc/procedures';
import { TEMPLATE_KEYS } from '../../services/notifications/templates';
import { recordSubscriptions } from '../../services/notifications/quota';

export const recordSubscription = userProcedure
  .input(z.object({ accepted: z.array(z.enum(TEMPLATE_KEYS, { error: '订阅消息模板不正确' })).max(3) }))
  .meta({ summary: '记录用户同意的一次性订阅消息（每次同意可发送一条）' })
  .output(z.record(z.string(), z.number()))
  .mutation(({ ctx, input }) => recordSubscriptions({ db: ctx.db, actor: ctx.user, input }));
