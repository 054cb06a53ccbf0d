import { z } from 'zod';
import { access, defineProcedureNoInput } from '../../trpc/access';
import { myConsents } from '../../services/consents/consents';

export const mine = defineProcedureNoInput({
  access: access.user(),
  summary: '我当前有效的授权（按现行文本版本）',
  output: z.array(z.object({ scope: z.string(), textVersion: z.string(), grantedAt: z.string(), current: z.boolean() })),
}).query(({ ctx }) => myConsents(ctx.db, ctx.user!.id));
