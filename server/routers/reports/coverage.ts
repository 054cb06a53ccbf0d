import { z } from 'zod';
import { ORG_UNIT_KINDS } from '../../shared/enums';
import { reportInput } from '../../shared/schemas';
import { defineProcedure } from '../../trpc/access';
import { coverageReport } from '../../services/reports/coverage';
import { reportReaders } from './access';

const n = z.number().nullable();
export const coverageRow = z.object({
  orgUnitId: z.string(),
  name: z.string(),
  kind: z.enum(ORG_UNIT_KINDS),
  code: z.string().nullable(),
  families: n,
  servedFamilies: n,
  coverage: n,
  guidanceSites: n,
  activeGuidanceSites: n,
  sessions: n,
  attendances: n,
  homeVisitsDone: n,
});

export const coverage = defineProcedure({
  access: reportReaders,
  summary: '家庭心理健康教育指导服务覆盖率（按下级单位；县级以下小于 5 的数字不显示）',
  input: reportInput,
  output: z.object({
    orgUnitId: z.string(),
    name: z.string(),
    kind: z.enum(ORG_UNIT_KINDS),
    year: z.number(),
    siteKind: z.string().nullable(),
    rows: z.array(coverageRow),
    total: coverageRow,
  }),
}).query(({ ctx, input }) => coverageReport(ctx.db, input));
