import { z } from 'zod';
import { createWindowInput } from '../../shared/visits';
import { staffProcedure } from '../../trpc/procedures';
import { createWindow as createWindowService } from '../../services/visits/windows';
import { COORDINATORS } from './access';

export const createWindow = staffProcedure(COORDINATORS)
  .input(createWindowInput)
  .scopedBy('orgUnitId')
  .meta({ summary: '开设寒暑假家访或学期中电话家访窗口（按班主任默认分配家庭）' })
  .output(z.object({ id: z.string() }))
  .mutation(({ ctx, input }) => createWindowService({ db: ctx.db, actor: ctx.user, unit: ctx.unit, input }));
