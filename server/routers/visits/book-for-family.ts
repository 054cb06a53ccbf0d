import { z } from 'zod';
import { bookForFamilyInput } from '../../shared/visits';
import { staffProcedure } from '../../trpc/procedures';
import { bookSlotForFamily } from '../../services/visits/booking';
import { VISITORS, slotUnit } from './access';

export const bookForFamily = staffProcedure(VISITORS)
  .input(bookForFamilyInput)
  .scopedBy(slotUnit)
  .meta({ summary: '电话沟通后由教师代家庭预约自己的时段' })
  .output(z.object({ visitId: z.string() }))
  .mutation(({ ctx, input }) => bookSlotForFamily({ db: ctx.db, actor: ctx.user, input }));
