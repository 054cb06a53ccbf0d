import { z } from 'zod';
import { SESSION_KINDS, SESSION_MODES, SESSION_STATUSES, sessionIdInput } from '../../shared/sessions';
import { userProcedure } from '../../trpc/procedures';
import { getSession } from '../../services/sessions/query-sessions';
import { registrationStatus } from './outputs';

export const get = userProcedure
  .meta({ summary: '活动详情（含我家的报名、签到状态）' })
  .input(sessionIdInput)
  .output(
    z.object({
      id: z.string(),
      kind: z.enum(SESSION_KINDS),
      title: z.string(),
      description: z.string().nullable(),
      speaker: z.string().nullable(),
      stages: z.array(z.string()),
      grades: z.array(z.string()),
      mode: z.enum(SESSION_MODES),
      venue: z.string().nullable(),
      liveUrl: z.string().nullable(),
      startsAt: z.string(),
      endsAt: z.string(),
      capacity: z.number(),
      confirmed: z.number(),
      waitlisted: z.number(),
      status: z.enum(SESSION_STATUSES),
      mentalHealth: z.boolean(),
      cancelReason: z.string().nullable(),
      courseId: z.string().nullable(),
      courseSeq: z.number().nullable(),
      orgUnitId: z.string(),
      orgUnitName: z.string(),
      lessons: z.array(z.object({ id: z.string(), title: z.string(), topic: z.string() })),
      mine: z
        .object({ registration: registrationStatus.nullable(), attended: z.boolean(), rated: z.boolean() })
        .nullable(),
    }),
  )
  .query(({ ctx, input }) => getSession({ db: ctx.db, actor: ctx.user, input }));
