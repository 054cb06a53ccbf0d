import { z } from 'zod';
import { sessionIdInput } from '../../shared/sessions';
import { staffProcedure } from '../../trpc/procedures';
import { checkInCode as codeService } from '../../services/sessions/check-in';
import { SESSION_STAFF, sessionUnit } from './access';

export const checkInCode = staffProcedure(SESSION_STAFF)
  .input(sessionIdInput)
  .scopedBy(sessionUnit)
  .meta({ summary: '现场签到码（每分钟更换，展示为二维码）；线上活动另有整场不变的 6 位签到码' })
  .output(
    z.object({
      code: z.string(),
      expiresAt: z.string(),
      shortCode: z.string().nullable(),
      shortCodeExpiresAt: z.string().nullable(),
    }),
  )
  .query(({ ctx, input }) => codeService({ db: ctx.db, sql: ctx.sql, input }));
