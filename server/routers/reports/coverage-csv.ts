import { z } from 'zod';
import { reportInput } from '../../shared/schemas';
import { staffProcedure } from '../../trpc/procedures';
import { coverageCsv as csvService } from '../../services/reports/export';
import { REPORT_READERS } from './access';

export const coverageCsv = staffProcedure(REPORT_READERS)
  .input(reportInput)
  .scopedBy('orgUnitId')
  .meta({ summary: '导出覆盖情况 CSV' })
  .output(z.object({ fileName: z.string(), content: z.string() }))
  .query(({ ctx, input }) => csvService({ db: ctx.db, actor: ctx.user, unit: ctx.unit, input }));
