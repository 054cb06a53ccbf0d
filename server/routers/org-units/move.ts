import { moveOrgUnitInput } from '../../shared/admin';
import { staffProcedure } from '../../trpc/procedures';
import { moveOrgUnit } from '../../services/admin/org-units';
import { ok } from '../outputs';

export const move = staffProcedure(['ADMIN'])
  .input(moveOrgUnitInput)
  .scopedBy('orgUnitId')
  .meta({ summary: '把学校或站点调整到另一个县，或把县调整到另一个市（家庭、活动和统计随之移动）' })
  .output(ok)
  .mutation(({ ctx, input }) => moveOrgUnit({ db: ctx.db, actor: ctx.user, unit: ctx.unit, input }));
