import { z } from 'zod';
import { assignBulkInput } from '../../shared/visits';
import { staffProcedure } from '../../trpc/procedures';
import { assignBulk as assignBulkService } from '../../services/visits/windows';
import { COORDINATORS, windowUnit } from './access';

export const assignBulk = staffProcedure(COORDINATORS)
  .input(assignBulkInput)
  .scopedBy(windowUnit)
  .meta({ summary: '把多户家庭（所选家庭或所选班级的全部家庭）一次分配给同一位教师家访，全部成功或全部不变' })
  .output(z.object({ assigned: z.number().int() }))
  .mutation(({ ctx, input }) => assignBulkService({ db: ctx.db, actor: ctx.user, unit: ctx.unit, input }));
