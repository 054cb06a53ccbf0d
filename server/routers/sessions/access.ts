import type { Role } from '../../shared/enums';
import type { ScopeResolver } from '../../trpc/procedures';
import { sessionUnitId } from '../../services/sessions/sessions.sql';

/** Who runs a unit's sessions: its coordinators, and admins above it. */
export const SESSION_MANAGERS: readonly Role[] = ['ADMIN', 'COORDINATOR'];
/** …and teachers of the unit, for the roll call, the roster and the check-in code. */
export const SESSION_STAFF: readonly Role[] = ['ADMIN', 'COORDINATOR', 'TEACHER'];

/** The org unit a session belongs to. */
export const sessionUnit: ScopeResolver<{ sessionId: string }> = (input, ctx) =>
  sessionUnitId(ctx.sql, input.sessionId);
