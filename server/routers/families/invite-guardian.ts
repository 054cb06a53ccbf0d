import { z } from 'zod';
import { parentProcedure } from '../../trpc/procedures';
import { inviteGuardian as inviteService } from '../../services/families/invite-guardian';

export const inviteGuardian = parentProcedure
  .meta({
    summary: '邀请另一位监护人加入本家庭：一次性邀请码，72 小时内有效，对方加入时通知家中其他监护人',
    rateLimit: { perUser: 10, windowSeconds: 3600 },
  })
  .output(z.object({ code: z.string(), expiresAt: z.string() }))
  .mutation(({ ctx }) => inviteService({ db: ctx.db, actor: ctx.user }));
