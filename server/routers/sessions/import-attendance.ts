import { z } from 'zod';
import { importAttendanceInput } from '../../shared/rosters';
import { staffProcedure } from '../../trpc/procedures';
import { importAttendance as importService } from '../../services/rosters/import-attendance';
import { SESSION_MANAGERS, sessionUnit } from './access';

export const importAttendance = staffProcedure(SESSION_MANAGERS)
  .input(importAttendanceInput)
  .scopedBy(sessionUnit)
  .meta({
    summary: '导入纸质签到表（Excel：年级、班级、学生姓名）：名册上的家庭记为到场，每户一次；未匹配的行退回核对',
    rateLimit: { perUser: 60, windowSeconds: 600 },
  })
  .output(z.object({ marked: z.number(), unmatched: z.array(z.object({ row: z.number(), name: z.string() })) }))
  .mutation(({ ctx, input }) => importService({ db: ctx.db, actor: ctx.user, input }));
