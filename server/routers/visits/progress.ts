import { z } from 'zod';
import { PRIORITY_REASONS, windowIdInput } from '../../shared/visits';
import { staffProcedure } from '../../trpc/procedures';
import { windowProgress } from '../../services/visits/progress';
import { COORDINATORS, windowUnit } from './access';
import { familyVisitStatus } from './outputs';

const counts = {
  families: z.number(),
  booked: z.number(),
  visited: z.number(),
  home: z.number(),
  phone: z.number(),
  video: z.number(),
};

export const progress = staffProcedure(COORDINATORS)
  .input(windowIdInput)
  .scopedBy(windowUnit)
  .meta({ summary: '家访进度：各班已访 / 总数、方式分布、重点关注家庭（未访在前）' })
  .output(
    z.object({
      windowId: z.string(),
      title: z.string(),
      classes: z.array(z.object({ grade: z.string(), className: z.string().nullable(), ...counts })),
      total: z.object(counts),
      priority: z.array(
        z.object({
          familyId: z.string(),
          reasons: z.array(z.enum(PRIORITY_REASONS)),
          status: familyVisitStatus,
          teacherId: z.string().nullable(),
        }),
      ),
    }),
  )
  .query(({ ctx, input }) => windowProgress({ db: ctx.db, input }));
