import { z } from 'zod';
import { createOrgUnitInput } from '../../shared/admin';
import { staffProcedure } from '../../trpc/procedures';
import { createOrgUnit } from '../../services/admin/org-units';

export const create = staffProcedure(['ADMIN'])
  .input(createOrgUnitInput)
  .scopedBy('parentId')
  .meta({ summary: '在本辖区内新建下级单位（市、县、学校或社区站点；学校与站点同时生成学校邀请码）' })
  .output(z.object({ id: z.string() }))
  .mutation(({ ctx, input }) => createOrgUnit({ db: ctx.db, actor: ctx.user, unit: ctx.unit, input }));
