import { z } from 'zod';
import { VISIT_MODES, VISIT_STATUSES } from '../../shared/visits';

export const visitMode = z.enum(VISIT_MODES);
export const visitStatus = z.enum(VISIT_STATUSES);
export const childBrief = z.object({ name: z.string(), grade: z.string(), className: z.string().nullable() });
