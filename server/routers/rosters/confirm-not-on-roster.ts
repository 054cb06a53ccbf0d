import { z } from 'zod';
import { idSchema } from '../../shared/schemas';
import { staffProcedure } from '../../trpc/procedures';
import { confirmNotOnRoster as confirmService } from '../../services/rosters/roster-views';
import { ok } from '../outputs';
import { familyUnit, ROSTER_KEEPERS } from './access';

export const confirmNotOnRoster = staffProcedure(ROSTER_KEEPERS)
  .input(z.object({ familyId: idSchema }))
  .scopedBy(familyUnit)
  .meta({ summary: '核对：确认这个家庭不在名册上（移出待核对名单）' })
  .output(ok)
  .mutation(({ ctx, input }) => confirmService({ db: ctx.db, actor: ctx.user, unit: ctx.unit, input }));
