import { assignInput } from '../../shared/visits';
import { staffProcedure } from '../../trpc/procedures';
import { assignFamily } from '../../services/visits/windows';
import { ok } from '../outputs';
import { COORDINATORS, windowUnit } from './access';

export const assign = staffProcedure(COORDINATORS)
  .input(assignInput)
  .scopedBy(windowUnit)
  .meta({ summary: '把家庭改派给另一位教师家访' })
  .output(ok)
  .mutation(({ ctx, input }) => assignFamily({ db: ctx.db, actor: ctx.user, unit: ctx.unit, input }));
