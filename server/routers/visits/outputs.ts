import { z } from 'zod';
import { VISIT_MODES, VISIT_SEASONS, VISIT_STATUSES } from '../../shared/visits';

export const visitMode = z.enum(VISIT_MODES);
export const visitStatus = z.enum(VISIT_STATUSES);
/** A family's visit in a window, as lists show it (a rescheduled one waits for a new booking). */
export const familyVisitStatus = z.enum(['NOT_BOOKED', 'BOOKED', 'COMPLETED', 'NO_SHOW', 'RESCHEDULED_BY_FAMILY']);
export const childBrief = z.object({ name: z.string(), grade: z.string(), className: z.string().nullable() });

/** A visit window as listed to staff and to parents. */
export const visitWindowItem = z.object({
  id: z.string(),
  title: z.string(),
  season: z.enum(VISIT_SEASONS),
  startsOn: z.string(),
  endsOn: z.string(),
});

/** One way to reach a family: who, and the number (masked in lists, clear once revealed). */
export const contactLine = z.object({ label: z.string(), mobile: z.string() });
