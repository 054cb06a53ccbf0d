import { z } from 'zod';
import { parentProcedure } from '../../trpc/procedures';
import { myVisits } from '../../services/visits/records';
import { visitMode, visitStatus } from './outputs';

export const mine = parentProcedure
  .meta({ summary: '我家的家访' })
  .output(
    z.array(
      z.object({
        visitId: z.string(),
        windowId: z.string(),
        windowTitle: z.string(),
        status: visitStatus,
        mode: visitMode,
        teacherName: z.string(),
        startsAt: z.string(),
        endsAt: z.string(),
        /** Who booked it on the household's behalf (代办), or null when a guardian did. */
        bookedOnBehalfBy: z.string().nullable(),
      }),
    ),
  )
  .query(({ ctx }) => myVisits({ db: ctx.db, actor: ctx.user }));
