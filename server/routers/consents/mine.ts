import { z } from 'zod';
import { userProcedure } from '../../trpc/procedures';
import { myConsents } from '../../services/consents/consents';

export const mine = userProcedure
  .meta({ summary: '我当前有效的授权（按现行文本版本）' })
  .output(
    z.array(z.object({ scope: z.string(), textVersion: z.string(), grantedAt: z.string(), current: z.boolean() })),
  )
  .query(({ ctx }) => myConsents({ db: ctx.db, actor: ctx.user }));
