import { markAttendanceInput } from '../../shared/sessions';
import { defineProcedure } from '../../trpc/access';
import { markAttendance as markService } from '../../services/sessions/check-in';
import { ok, sessionManagers } from './outputs';

export const markAttendance = defineProcedure({
  access: sessionManagers(['TEACHER']),
  summary: '点名或补录纸质签到表',
  input: markAttendanceInput,
  output: ok,
}).mutation(({ ctx, input }) => markService(ctx.db, ctx.user!.id, input));
