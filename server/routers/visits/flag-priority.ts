import { flagPriorityInput } from '../../shared/visits';
import { staffProcedure } from '../../trpc/procedures';
import { flagPriority as flagService } from '../../services/visits/windows';
import { ok } from '../outputs';
import { familyUnit } from './access';

export const flagPriority = staffProcedure(['TEACHER', 'COUNSELOR', 'COORDINATOR'])
  .input(flagPriorityInput)
  .scopedBy(familyUnit)
  .meta({ summary: '标记需重点关注的家庭（学业压力、经济困难、情感危机、家庭变故、欺凌等）' })
  .output(ok)
  .mutation(({ ctx, input }) => flagService({ db: ctx.db, actor: ctx.user, unit: ctx.unit, input }));
