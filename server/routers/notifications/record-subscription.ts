import { z } from 'zod';
import { access, defineProcedure } from '../../trpc/access';
import { TEMPLATE_KEYS } from '../../services/notifications/templates';
import { recordSubscriptions } from '../../services/notifications/quota';

export const recordSubscription = defineProcedure({
  access: access.user(),
  summary: '记录用户同意的一次性订阅消息（每次同意可发送一条）',
  input: z.object({ accepted: z.array(z.enum(TEMPLATE_KEYS, { error: '订阅消息模板不正确' })).max(3) }),
  output: z.record(z.string(), z.number()),
}).mutation(({ ctx, input }) => recordSubscriptions(ctx.db, ctx.user!.id, input.accepted));
