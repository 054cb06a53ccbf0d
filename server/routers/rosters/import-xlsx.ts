import { z } from 'zod';
import { importRosterInput } from '../../shared/rosters';
import { staffProcedure } from '../../trpc/procedures';
import { importRoster } from '../../services/rosters/import-roster';
import { ROSTER_KEEPERS } from './access';

export const importXlsx = staffProcedure(ROSTER_KEEPERS)
  .input(importRosterInput)
  .scopedBy('schoolId')
  .meta({
    summary:
      '从 Excel 导入学校的班级名册（年级、班级、学生姓名、家庭编号；有错误时整份不导入并逐行列出；重复导入不变）',
    rateLimit: { perUser: 60, windowSeconds: 600 },
  })
  .output(
    z.object({
      households: z.number(),
      children: z.number(),
      created: z.number(),
      updated: z.number(),
      closed: z.number(),
      errors: z.array(z.object({ row: z.number(), message: z.string() })),
    }),
  )
  .mutation(({ ctx, input }) =>
    importRoster({ db: ctx.db, cipher: ctx.cipher, actor: ctx.user, unit: ctx.unit, input }),
  );
