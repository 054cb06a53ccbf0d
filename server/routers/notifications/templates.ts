import { z } from 'zod';
import { userProcedure } from '../../trpc/procedures';
import { subscribeTemplates, TEMPLATE_KEYS } from '../../services/notifications/templates';

export const templates = userProcedure
  .meta({ summary: '订阅消息模板（供 wx.requestSubscribeMessage 使用）' })
  .output(z.array(z.object({ key: z.enum(TEMPLATE_KEYS), templateId: z.string(), label: z.string() })))
  .query(({ ctx }) => subscribeTemplates({ env: ctx.env }));
