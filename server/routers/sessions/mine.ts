import { z } from 'zod';
import { SESSION_KINDS, SESSION_STATUSES } from '../../shared/sessions';
import { parentProcedure } from '../../trpc/procedures';
import { mySessions } from '../../services/sessions/query-sessions';
import { registrationStatus } from './outputs';

export const mine = parentProcedure
  .meta({ summary: '我家的活动记录与本年度参加家庭心理健康指导服务次数' })
  .output(
    z.object({
      year: z.number(),
      servicesThisYear: z.number(),
      items: z.array(
        z.object({
          sessionId: z.string(),
          title: z.string(),
          kind: z.enum(SESSION_KINDS),
          startsAt: z.string(),
          sessionStatus: z.enum(SESSION_STATUSES),
          orgUnitName: z.string(),
          mentalHealth: z.boolean(),
          registration: registrationStatus,
          attended: z.boolean(),
          registeredOnBehalfBy: z.string().nullable(),
        }),
      ),
    }),
  )
  .query(({ ctx }) => mySessions({ db: ctx.db, actor: ctx.user }));
