import { z } from 'zod';
import { checkInInput } from '../../shared/sessions';
import { parentProcedure } from '../../trpc/procedures';
import { checkIn as checkInService } from '../../services/sessions/check-in';

export const checkIn = parentProcedure
  .input(checkInInput)
  .meta({
    summary: '扫码签到（同一家庭重复签到只计一次）',
    rateLimit: { perUser: 20, perIp: 6000, windowSeconds: 60 },
  })
  .output(z.object({ sessionId: z.string(), firstTime: z.boolean() }))
  .mutation(({ ctx, input }) => checkInService({ db: ctx.db, sql: ctx.sql, actor: ctx.user, input }));
