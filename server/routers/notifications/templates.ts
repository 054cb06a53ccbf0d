import { z } from 'zod';
import { access, defineProcedureNoInput } from '../../trpc/access';
import { TEMPLATE_KEYS, TEMPLATE_LABELS, templateIds } from '../../services/notifications/templates';

export const templates = defineProcedureNoInput({
  access: access.user(),
  summary: '订阅消息模板（供 wx.requestSubscribeMessage 使用）',
  output: z.array(z.object({ key: z.enum(TEMPLATE_KEYS), templateId: z.string(), label: z.string() })),
}).query(({ ctx }) => {
  const ids = templateIds(ctx.env);
  return TEMPLATE_KEYS.map((key) => ({ key, templateId: ids[key], label: TEMPLATE_LABELS[key] }));
});
