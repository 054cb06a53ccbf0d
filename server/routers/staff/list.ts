import { z } from 'zod';
import { importHistoryInput } from '../../shared/admin';
import { ROLES } from '../../shared/enums';
import { staffProcedure } from '../../trpc/procedures';
import { listStaff } from '../../services/admin/staff';
import { STAFF_MANAGERS } from './access';

export const list = staffProcedure(STAFF_MANAGERS)
  .input(importHistoryInput)
  .scopedBy('orgUnitId')
  .meta({ summary: '本单位及下级单位的工作人员账号（角色、是否停用、是否仍用初始密码）' })
  .output(
    z.array(
      z.object({
        userId: z.string(),
        username: z.string(),
        displayName: z.string(),
        disabled: z.boolean(),
        mustChangePassword: z.boolean(),
        roles: z.array(z.object({ role: z.enum(ROLES), orgUnitName: z.string() })),
      }),
    ),
  )
  .query(({ ctx }) => listStaff({ db: ctx.db, unit: ctx.unit }));
