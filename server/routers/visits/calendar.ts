import { z } from 'zod';
import { windowIdInput } from '../../shared/visits';
import { defineProcedure } from '../../trpc/access';
import { teacherCalendar } from '../../services/visits/slots';
import { VISITORS, windowStaff } from './scopes';
import { childBrief, visitMode, visitStatus } from './outputs';

export const calendar = defineProcedure({
  access: windowStaff(VISITORS),
  summary: '我的家访日程（时段与预约）',
  input: windowIdInput,
  output: z.array(
    z.object({
      slotId: z.string(),
      startsAt: z.string(),
      endsAt: z.string(),
      mode: visitMode,
      visit: z.object({ visitId: z.string(), status: visitStatus, guardians: z.array(z.string()), children: z.array(childBrief) }).nullable(),
    }),
  ),
}).query(({ ctx, input }) => teacherCalendar(ctx.db, ctx.user!.id, input.windowId));
