import { z } from 'zod';
import { idSchema } from '../../shared/schemas';
import { staffProcedure } from '../../trpc/procedures';
import { matchFamily as matchService } from '../../services/rosters/roster-views';
import { familyUnit, ROSTER_KEEPERS } from './access';

export const matchFamily = staffProcedure(ROSTER_KEEPERS)
  .input(z.object({ familyId: idSchema, intoFamilyId: idSchema }))
  .scopedBy(familyUnit)
  .meta({ summary: '核对：把已加入的家庭并入名册上的家庭（签到、家访和服务次数都保留，只计一次）' })
  .output(z.object({ familyId: z.string(), childrenMoved: z.number() }))
  .mutation(({ ctx, input }) => matchService({ db: ctx.db, actor: ctx.user, unit: ctx.unit, input }));
