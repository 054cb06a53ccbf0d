import { z } from 'zod';
import { registerInput } from '../../shared/sessions';
import { access, defineProcedure } from '../../trpc/access';
import { register as registerService } from '../../services/sessions/registration';

export const register = defineProcedure({
  access: access.parent(),
  summary: '为我家报名（满员则候补；重复报名返回原状态）',
  input: registerInput,
  rateLimit: { perUser: 20, perIp: 3000, windowSeconds: 60 },
  output: z.object({ status: z.enum(['CONFIRMED', 'WAITLISTED']) }),
}).mutation(({ ctx, input }) => registerService(ctx.db, ctx.user!.id, ctx.user!.familyId!, input.sessionId, input.attendees, ctx.sql));
