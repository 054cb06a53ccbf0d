import { z } from 'zod';
import { VISIT_MODES } from '../../shared/visits';

export const ok = z.object({ ok: z.literal(true) });
export const visitMode = z.enum(VISIT_MODES);
export const visitStatus = z.enum(['BOOKED', 'COMPLETED', 'CANCELLED']);
export const childBrief = z.object({ name: z.string(), grade: z.string(), className: z.string().nullable() });
