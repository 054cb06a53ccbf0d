import { z } from 'zod';
import { registerInput } from '../../shared/sessions';
import { parentProcedure } from '../../trpc/procedures';
import { register as registerService } from '../../services/sessions/registration';

export const register = parentProcedure
  .input(registerInput)
  .meta({
    summary: '为我家报名（满员则候补；重复报名返回原状态）',
    rateLimit: { perUser: 20, perIp: 3000, windowSeconds: 60 },
  })
  .output(z.object({ status: z.enum(['CONFIRMED', 'WAITLISTED']) }))
  .mutation(({ ctx, input }) => registerService({ db: ctx.db, sql: ctx.sql, actor: ctx.user, input }));
