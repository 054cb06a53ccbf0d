import { z } from 'zod';
import {
  ATTENDANCE_METHODS,
  REGISTRATION_STATUSES,
  SESSION_KINDS,
  SESSION_MODES,
  SESSION_STATUSES,
} from '../../shared/sessions';

export const sessionListItem = z.object({
  id: z.string(),
  kind: z.enum(SESSION_KINDS),
  title: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  capacity: z.number(),
  confirmed: z.number(),
  waitlisted: z.number(),
  status: z.enum(SESSION_STATUSES),
  mode: z.enum(SESSION_MODES),
  venue: z.string().nullable(),
  mentalHealth: z.boolean(),
  orgUnitName: z.string(),
  myStatus: z.enum(REGISTRATION_STATUSES).nullable(),
});

export const registrationStatus = z.enum(REGISTRATION_STATUSES);
export const attendanceMethod = z.enum(ATTENDANCE_METHODS);
