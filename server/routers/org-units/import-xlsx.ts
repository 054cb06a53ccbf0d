import { z } from 'zod';
import { importUnitsInput } from '../../shared/admin';
import { staffProcedure } from '../../trpc/procedures';
import { importUnits } from '../../services/admin/import-units';

export const importXlsx = staffProcedure(['ADMIN'])
  .input(importUnitsInput)
  .scopedBy('parentId')
  .meta({
    summary: '从 Excel 导入一个县的学校和站点（表头：名称、类型、代码；有错误时整份不导入并逐行列出；重复导入只更新）',
    rateLimit: { perUser: 30, windowSeconds: 600 },
  })
  .output(
    z.object({
      created: z.number(),
      updated: z.number(),
      errors: z.array(z.object({ row: z.number(), message: z.string() })),
    }),
  )
  .mutation(({ ctx, input }) => importUnits({ db: ctx.db, actor: ctx.user, unit: ctx.unit, input }));
