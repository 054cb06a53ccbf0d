import { z } from 'zod';
import { sessionIdInput } from '../../shared/sessions';
import { userProcedure } from '../../trpc/procedures';
import { getSession } from '../../services/sessions/query-sessions';
import { registrationStatus, sessionListItem } from './outputs';

export const get = userProcedure
  .input(sessionIdInput)
  .meta({ summary: '活动详情（含我家的报名、签到状态）' })
  .output(
    sessionListItem.omit({ myStatus: true }).extend({
      description: z.string().nullable(),
      speaker: z.string().nullable(),
      stages: z.array(z.string()),
      grades: z.array(z.string()),
      liveUrl: z.string().nullable(),
      cancelReason: z.string().nullable(),
      courseId: z.string().nullable(),
      courseSeq: z.number().nullable(),
      orgUnitId: z.string(),
      lessons: z.array(z.object({ id: z.string(), title: z.string(), topic: z.string() })),
      mine: z
        .object({ registration: registrationStatus.nullable(), attended: z.boolean(), rated: z.boolean() })
        .nullable(),
    }),
  )
  .query(({ ctx, input }) => getSession({ db: ctx.db, actor: ctx.user, input }));
