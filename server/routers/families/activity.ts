import { z } from 'zod';
import { parentProcedure } from '../../trpc/procedures';
import { householdActivity } from '../../services/families/household-activity';

export const activity = parentProcedure
  .meta({ summary: '家里的动态：近一年家中参加的活动、学过的课程、完成的家访及家访小结（不含教师的内部记录）' })
  .output(
    z.object({
      since: z.date(),
      sessions: z.array(z.object({ title: z.string(), startsAt: z.date(), kind: z.string(), by: z.string() })),
      lessons: z.array(z.object({ title: z.string(), completedAt: z.date(), by: z.string() })),
      visits: z.array(
        z.object({ mode: z.string(), startsAt: z.date(), teacherName: z.string(), summary: z.string().nullable() }),
      ),
    }),
  )
  .query(({ ctx }) => householdActivity({ db: ctx.db, cipher: ctx.cipher, actor: ctx.user }));
