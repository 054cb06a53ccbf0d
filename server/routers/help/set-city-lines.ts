import { z } from 'zod';
import { idSchema, requiredText } from '../../shared/schemas';
import { staffProcedure } from '../../trpc/procedures';
import { setCityHotlines } from '../../services/help/city-hotlines';
import { provinceOf } from '../province-scope';

const line = z.object({
  name: requiredText('热线名称', 40),
  number: z
    .string({ error: '请填写电话号码' })
    .trim()
    .regex(/^[0-9][0-9-]{2,19}$/, { error: '电话号码只能是数字和“-”，如 0451-12345678 或 12356' }),
});

export const setCityLines = staffProcedure(['ADMIN'])
  .input(z.object({ cityId: idSchema, lines: z.array(line).max(10, { error: '每个城市最多 10 条热线' }) }))
  .scopedBy(provinceOf)
  .meta({ summary: '设置城市心理援助热线（省级管理员；整组替换，留痕）' })
  .output(z.object({ ok: z.literal(true) }))
  .mutation(({ ctx, input }) => setCityHotlines({ db: ctx.db, actor: ctx.user, input }));
