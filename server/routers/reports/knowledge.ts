import { z } from 'zod';
import { reportInput } from '../../shared/schemas';
import { staffProcedure } from '../../trpc/procedures';
import { knowledgeReport } from '../../services/knowledge/knowledge-check';
import { REPORT_READERS } from './access';

const n = z.number().nullable();
const figures = { before: n, beforeShare: n, after: n, afterShare: n, change: n };

export const knowledge = staffProcedure(REPORT_READERS)
  .input(reportInput.pick({ orgUnitId: true, year: true }))
  .scopedBy('orgUnitId')
  .meta({ summary: '家长识别心理危机信号小测验：学习前后平均正确率及变化（按下级单位，匿名汇总，少于 5 人不公开）' })
  .output(
    z.object({
      rows: z.array(z.object({ orgUnitId: z.string(), name: z.string(), ...figures })),
      total: z.object(figures),
      source: z.string(),
    }),
  )
  .query(({ ctx, input }) => knowledgeReport({ db: ctx.db, unit: ctx.unit, input }));
