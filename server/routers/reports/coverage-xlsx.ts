import { reportInput } from '../../shared/schemas';
import { staffProcedure } from '../../trpc/procedures';
import { coverageWorkbook } from '../../services/reports/export';
import { REPORT_READERS } from './access';
import { exportFile } from './outputs';

export const coverageXlsx = staffProcedure(REPORT_READERS)
  .input(reportInput)
  .scopedBy('orgUnitId')
  .meta({ summary: '导出覆盖情况 Excel（每级一张表，含指标说明、生成时间与范围）' })
  .output(exportFile)
  .query(({ ctx, input }) => coverageWorkbook({ db: ctx.db, actor: ctx.user, unit: ctx.unit, input }));
