import { z } from 'zod';
import { xlsxFile } from '../../shared/admin';
import { idSchema } from '../../shared/schemas';
import { staffProcedure } from '../../trpc/procedures';
import { importStaff } from '../../services/admin/import-staff';
import { STAFF_MANAGERS } from './access';

export const importXlsx = staffProcedure(STAFF_MANAGERS)
  .input(z.object({ orgUnitId: idSchema, fileBase64: xlsxFile }))
  .scopedBy('orgUnitId')
  .meta({
    summary:
      '从 Excel 导入教职工账号（姓名、用户名、角色、学校标识码、班主任班级；有错误时整份不导入并逐行列出；新账号的初始密码只显示这一次）',
    rateLimit: { perUser: 30, windowSeconds: 600 },
  })
  .output(
    z.object({
      created: z.number(),
      updated: z.number(),
      accounts: z.array(z.object({ username: z.string(), displayName: z.string(), initialPassword: z.string() })),
      errors: z.array(z.object({ row: z.number(), message: z.string() })),
    }),
  )
  .mutation(({ ctx, input }) => importStaff({ db: ctx.db, actor: ctx.user, unit: ctx.unit, input }));
