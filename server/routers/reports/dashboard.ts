import { z } from 'zod';
import { reportInput } from '../../shared/schemas';
import { SESSION_KINDS } from '../../shared/sessions';
import { VISIT_MODES } from '../../shared/visits';
import { RISK_TIERS } from '../../shared/checklists';
import { staffProcedure } from '../../trpc/procedures';
import { dashboard as dashboardService } from '../../services/reports/dashboard';
import { REPORT_READERS } from './access';

export const dashboard = staffProcedure(REPORT_READERS)
  .input(reportInput)
  .scopedBy('orgUnitId')
  .meta({
    summary: '统计看板：月度走势、活动类型、家访方式、预警清单分级、站点开展率（目标 60%）、本学期未开展活动的学校',
  })
  .output(
    z.object({
      orgUnitId: z.string(),
      name: z.string(),
      year: z.number(),
      monthly: z.array(
        z.object({
          month: z.number(),
          newlyServed: z.number().nullable(),
          attendances: z.number().nullable(),
          visits: z.number().nullable(),
        }),
      ),
      sessionsByKind: z.array(
        z.object({ kind: z.enum(SESSION_KINDS), sessions: z.number(), mentalHealth: z.number() }),
      ),
      homeVisitsByMode: z.array(z.object({ mode: z.enum(VISIT_MODES), visits: z.number().nullable() })),
      checklistTiers: z.array(z.object({ tier: z.enum(RISK_TIERS), responses: z.number().nullable() })),
      guidanceSites: z.object({ sites: z.number(), active: z.number(), share: z.number(), target: z.number() }),
      semester: z.string(),
      schoolsWithoutActivity: z.array(z.object({ id: z.string(), name: z.string(), countyName: z.string() })),
    }),
  )
  .query(({ ctx, input }) => dashboardService({ db: ctx.db, unit: ctx.unit, input }));
