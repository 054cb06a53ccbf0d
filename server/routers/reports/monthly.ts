import { z } from 'zod';
import { idSchema } from '../../shared/schemas';
import { staffProcedure } from '../../trpc/procedures';
import { monthlyReports } from '../../services/reports/monthly';
import { REPORT_READERS } from './access';

const n = z.number().nullable();

export const monthly = staffProcedure(REPORT_READERS)
  .input(z.object({ orgUnitId: idSchema, year: z.number().int().min(2020).max(2100).optional() }))
  .scopedBy('orgUnitId')
  .meta({ summary: '月度报告（每月 1 日生成：年度累计数字，覆盖率落后于全年进度时标注）' })
  .output(
    z.array(
      z.object({
        month: z.string(),
        behindPace: z.boolean(),
        createdAt: z.date(),
        figures: z.object({
          year: z.number(),
          month: z.number(),
          families: n,
          servedFamilies: n,
          coverage: n,
          paceTarget: z.number(),
          guidanceSites: n,
          activeGuidanceSites: n,
          sessions: n,
          attendances: n,
          homeVisitsDone: n,
          generatedAt: z.string(),
        }),
      }),
    ),
  )
  .query(({ ctx, input }) => monthlyReports(ctx.db, ctx.unit, input.year));
