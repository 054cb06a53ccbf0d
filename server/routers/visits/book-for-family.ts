import { z } from 'zod';
import { bookForFamilyInput } from '../../shared/visits';
import { defineProcedure } from '../../trpc/access';
import { bookSlot } from '../../services/visits/booking';
import { VISITORS, slotStaff } from './scopes';

export const bookForFamily = defineProcedure({
  access: slotStaff(VISITORS),
  summary: '电话沟通后由教师代家庭预约自己的时段',
  input: bookForFamilyInput,
  output: z.object({ visitId: z.string() }),
}).mutation(({ ctx, input }) => bookSlot(ctx.db, ctx.user!.id, input.familyId, input.slotId, { byTeacher: true }));
