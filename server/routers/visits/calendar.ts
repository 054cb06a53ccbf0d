import { z } from 'zod';
import { windowIdInput } from '../../shared/visits';
import { staffProcedure } from '../../trpc/procedures';
import { teacherCalendar } from '../../services/visits/slots';
import { VISITORS, windowUnit } from './access';
import { childBrief, visitMode, visitStatus } from './outputs';

export const calendar = staffProcedure(VISITORS)
  .input(windowIdInput)
  .scopedBy(windowUnit)
  .meta({ summary: '我的家访日程（时段与预约）' })
  .output(
    z.array(
      z.object({
        slotId: z.string(),
        startsAt: z.string(),
        endsAt: z.string(),
        mode: visitMode,
        visit: z
          .object({
            visitId: z.string(),
            status: visitStatus,
            guardians: z.array(z.string()),
            children: z.array(childBrief),
          })
          .nullable(),
      }),
    ),
  )
  .query(({ ctx, input }) => teacherCalendar({ db: ctx.db, actor: ctx.user, input }));
