import { markAttendanceInput } from '../../shared/sessions';
import { staffProcedure } from '../../trpc/procedures';
import { markAttendance as markService } from '../../services/sessions/check-in';
import { ok } from '../outputs';
import { SESSION_STAFF, sessionUnit } from './access';

export const markAttendance = staffProcedure(SESSION_STAFF)
  .input(markAttendanceInput)
  .scopedBy(sessionUnit)
  .meta({ summary: '点名或补录纸质签到表' })
  .output(ok)
  .mutation(({ ctx, input }) => markService({ db: ctx.db, actor: ctx.user, input }));
