import { updateOrgUnitInput } from '../../shared/admin';
import { staffProcedure } from '../../trpc/procedures';
import { updateOrgUnit } from '../../services/admin/org-units';
import { ok } from '../outputs';

export const update = staffProcedure(['ADMIN'])
  .input(updateOrgUnitInput)
  .scopedBy('orgUnitId')
  .meta({ summary: '修改单位名称、代码（学校标识码）、站点类型或所属乡镇（街道）' })
  .output(ok)
  .mutation(({ ctx, input }) => updateOrgUnit({ db: ctx.db, actor: ctx.user, unit: ctx.unit, input }));
