import { z } from 'zod';
import { sessionIdInput } from '../../shared/sessions';
import { defineProcedure } from '../../trpc/access';
import { roster as rosterService } from '../../services/sessions/query-sessions';
import { attendanceMethod, registrationStatus, sessionManagers } from './outputs';

export const roster = defineProcedure({
  access: sessionManagers(['TEACHER']),
  summary: '报名与签到名单（孩子姓名脱敏，不含电话）',
  input: sessionIdInput,
  output: z.object({
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
    summary: z.object({ confirmed: z.number(), waitlisted: z.number(), present: z.number(), presentPeople: z.number() }),
  }),
}).query(({ ctx, input }) => rosterService(ctx.db, input.sessionId));
