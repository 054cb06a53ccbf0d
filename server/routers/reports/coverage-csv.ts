import { z } from 'zod';
import { reportInput } from '../../shared/schemas';
import { defineProcedure } from '../../trpc/access';
import { coverageCsv as csvService } from '../../services/reports/export';
import { writeAudit } from '../../services/audit/write-audit';
import { reportReaders } from './access';

export const coverageCsv = defineProcedure({
  access: reportReaders,
  summary: '导出覆盖情况 CSV',
  input: reportInput,
  output: z.object({ fileName: z.string(), content: z.string() }),
}).query(async ({ ctx, input }) => {
  const file = await csvService(ctx.db, input);
  await writeAudit(ctx.db, { actorUserId: ctx.user!.id, action: 'report.export', targetType: 'OrgUnit', targetId: input.orgUnitId, detail: { year: input.year, format: 'csv' } });
  return file;
});
