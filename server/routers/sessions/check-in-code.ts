import { z } from 'zod';
import { sessionIdInput } from '../../shared/sessions';
import { defineProcedure } from '../../trpc/access';
import { checkInCode as codeService } from '../../services/sessions/check-in';
import { sessionManagers } from './outputs';

export const checkInCode = defineProcedure({
  access: sessionManagers(['TEACHER']),
  summary: '现场签到码（每分钟更换，展示为二维码）',
  input: sessionIdInput,
  output: z.object({ code: z.string(), expiresAt: z.string() }),
}).query(({ ctx, input }) => codeService(ctx.db, input.sessionId));
