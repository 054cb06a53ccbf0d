import { z } from 'zod';
import { importHistoryInput } from '../../shared/admin';
import { staffProcedure } from '../../trpc/procedures';
import { importHistory } from '../../services/admin/import-units';

export const imports = staffProcedure(['ADMIN', 'COORDINATOR'])
  .input(importHistoryInput)
  .scopedBy('orgUnitId')
  .meta({ summary: '本单位的导入记录（谁、何时、导入几行、新建和更新多少）' })
  .output(
    z.array(
      z.object({
        id: z.string(),
        kind: z.string(),
        actorName: z.string().nullable(),
        rows: z.number(),
        created: z.number(),
        updated: z.number(),
        createdAt: z.string(),
      }),
    ),
  )
  .query(({ ctx }) => importHistory({ db: ctx.db, unit: ctx.unit }));
