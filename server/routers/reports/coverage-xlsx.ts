import { z } from 'zod';
import { reportInput } from '../../shared/schemas';
import { defineProcedure } from '../../trpc/access';
import { coverageWorkbook } from '../../services/reports/export';
import { writeAudit } from '../../services/audit/write-audit';
import { reportReaders } from './access';

export const coverageXlsx = defineProcedure({
  access: reportReaders,
  summary: '导出覆盖情况 Excel（每级一张表，含指标说明、生成时间与范围）',
  input: reportInput,
  output: z.object({ fileName: z.string(), base64: z.string() }),
}).query(async ({ ctx, input }) => {
  const file = await coverageWorkbook(ctx.db, input);
  await writeAudit(ctx.db, { actorUserId: ctx.user!.id, action: 'report.export', targetType: 'OrgUnit', targetId: input.orgUnitId, detail: { year: input.year, format: 'xlsx' } });
  return file;
});
