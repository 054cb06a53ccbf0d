import { z } from 'zod';
import { ORG_UNIT_KINDS } from '../../shared/enums';
import { reportInput } from '../../shared/schemas';
import { staffProcedure } from '../../trpc/procedures';
import { coverageReport } from '../../services/reports/coverage';
import { REPORT_READERS } from './access';
import { coverageRow } from './outputs';

export const coverage = staffProcedure(REPORT_READERS)
  .input(reportInput)
  .scopedBy('orgUnitId')
  .meta({
    summary:
      '家庭心理健康教育指导服务覆盖率（按下级单位；只涉及一所学校或站点的小于 5 的人数不公开，并隐去防推算的数字）',
  })
  .output(
    z.object({
      orgUnitId: z.string(),
      name: z.string(),
      kind: z.enum(ORG_UNIT_KINDS),
      year: z.number(),
      siteKind: z.enum(['SCHOOL', 'COMMUNITY_SITE']).nullable(),
      rows: z.array(coverageRow),
      total: coverageRow,
      /** Set when the unit signed the year off: the figures are the ones signed. */
      signOff: z.object({ signedAt: z.coerce.date(), signedBy: z.string(), note: z.string().nullable() }).nullable(),
      /** Corrections in the unit's region since it signed (who, when, why, what). */
      revisions: z.array(
        z.object({
          at: z.coerce.date(),
          unitName: z.string(),
          actorName: z.string(),
          reason: z.string(),
          change: z.string(),
        }),
      ),
    }),
  )
  .query(({ ctx, input }) => coverageReport({ db: ctx.db, unit: ctx.unit, input }));
