import { z } from 'zod';
import { checkInInput } from '../../shared/sessions';
import { access, defineProcedure } from '../../trpc/access';
import { checkIn as checkInService } from '../../services/sessions/check-in';

export const checkIn = defineProcedure({
  access: access.parent(),
  summary: '扫码签到（同一家庭重复签到只计一次）',
  input: checkInInput,
  rateLimit: { perUser: 20, perIp: 6000, windowSeconds: 60 },
  output: z.object({ sessionId: z.string(), firstTime: z.boolean() }),
}).mutation(({ ctx, input }) => checkInService(ctx.db, ctx.sql, ctx.user!.id, ctx.user!.familyId!, input.code));
