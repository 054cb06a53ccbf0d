import { setGroupsInput } from '../../shared/visits';
import { staffProcedure } from '../../trpc/procedures';
import { setGroups as setGroupsService } from '../../services/visits/special-groups';
import { familyUnit } from '../visits/access';
import { ok } from '../outputs';

export const setGroups = staffProcedure(['COORDINATOR', 'COUNSELOR'])
  .input(setGroupsInput)
  .scopedBy(familyUnit)
  .meta({ summary: '标记特殊群体家庭（留守、流动、孤儿、事实无人抚养、单亲、残疾；留痕，仅本校可见）' })
  .output(ok)
  .mutation(({ ctx, input }) => setGroupsService({ db: ctx.db, actor: ctx.user, unit: ctx.unit, input }));
