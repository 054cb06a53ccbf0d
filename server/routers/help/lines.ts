import { z } from 'zod';
import { publicProcedure } from '../../trpc/procedures';
import { helpLines } from '../../services/help/help-lines';

const hotline = z.object({ name: z.string(), number: z.string() });

export const lines = publicProcedure
  .meta({ summary: '心理危机求助热线（无需登录，不记录来访者）' })
  .output(
    z.object({
      national: z.array(hotline),
      emergency: z.array(hotline),
      cities: z.array(z.object({ cityId: z.string(), cityName: z.string(), lines: z.array(hotline) })),
    }),
  )
  .query(({ ctx }) => helpLines({ db: ctx.db, env: ctx.env }));
