import { orgUnitInput } from '../../shared/admin';
import { staffProcedure } from '../../trpc/procedures';
import { closeOrgUnit } from '../../services/admin/org-units';
import { ok } from '../outputs';

export const close = staffProcedure(['ADMIN'])
  .input(orgUnitInput)
  .scopedBy('orgUnitId')
  .meta({ summary: '撤销单位（邀请码停用、不再开设活动；往年统计保留）' })
  .output(ok)
  .mutation(({ ctx }) => closeOrgUnit({ db: ctx.db, actor: ctx.user, unit: ctx.unit }));
