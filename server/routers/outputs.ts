// Output schemas shared by every domain's routers.
import { z } from 'zod';

/** The answer of a mutation with nothing else to say. */
export const ok = z.object({ ok: z.literal(true) });
