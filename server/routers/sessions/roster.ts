import { z } from 'zod';
import { rosterInput } from '../../shared/sessions';
import { staffProcedure } from '../../trpc/procedures';
import { roster as rosterService } from '../../services/sessions/query-sessions';
import { attendanceMethod, registrationStatus } from './outputs';
import { SESSION_STAFF, sessionUnit } from './access';

export const roster = staffProcedure(SESSION_STAFF)
  .input(rosterInput)
  .scopedBy(sessionUnit)
  .meta({ summary: '报名与签到名单（孩子姓名脱敏，不含电话；可按孩子姓名、班级或家长查找）' })
  .output(
    z.object({
      rows: z.array(
        z.object({
          familyId: z.string(),
          registration: registrationStatus.nullable(),
          attendees: z.number(),
          queuedAt: z.string().nullable(),
          guardians: z.array(z.string()),
          children: z.array(z.object({ name: z.string(), grade: z.string(), className: z.string().nullable() })),
          present: z.boolean(),
          method: attendanceMethod.nullable(),
          checkedInAt: z.string().nullable(),
        }),
      ),
      summary: z.object({
        confirmed: z.number(),
        waitlisted: z.number(),
        present: z.number(),
        presentPeople: z.number(),
      }),
    }),
  )
  .query(({ ctx, input }) => rosterService({ db: ctx.db, actor: ctx.user, input }));
