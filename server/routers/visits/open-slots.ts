import { z } from 'zod';
import { windowIdInput } from '../../shared/visits';
import { access, defineProcedure } from '../../trpc/access';
import { openSlots as openSlotsService } from '../../services/visits/slots';
import { assertFamilyAtSchool } from '../../services/visits/windows';
import { AppError } from '../../errors/app-error';
import { visitMode } from './outputs';

export const openSlots = defineProcedure({
  access: access.parent(),
  summary: '可预约的家访时段（本校家庭；已分配教师的只显示该教师的时段）',
  input: windowIdInput,
  output: z.array(z.object({ slotId: z.string(), teacherName: z.string(), startsAt: z.string(), endsAt: z.string(), mode: visitMode })),
}).query(async ({ ctx, input }) => {
  const w = await ctx.db.visitWindow.findUnique({ where: { id: input.windowId }, select: { orgUnitId: true } });
  if (!w) throw new AppError('NOT_FOUND', '家访窗口不存在');
  await assertFamilyAtSchool(ctx.db, ctx.user!.familyId!, w.orgUnitId);
  return openSlotsService(ctx.db, input.windowId, ctx.user!.familyId);
});
