import { z } from 'zod';
import { reportInput } from '../../shared/schemas';
import { defineProcedure } from '../../trpc/access';
import { unservedFamilies as listService } from '../../services/reports/unserved';
import { siteCoordinators } from './access';

export const unservedFamilies = defineProcedure({
  access: siteCoordinators,
  summary: '本站点本年度尚未获得指导服务的家庭（负责人跟进用）',
  input: reportInput.omit({ siteKind: true }),
  output: z.array(z.object({ familyId: z.string(), guardians: z.array(z.string()), children: z.array(z.object({ grade: z.string(), className: z.string().nullable() })) })),
}).query(({ ctx, input }) => listService(ctx.db, input));
