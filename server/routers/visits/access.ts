import type { Role } from '../../shared/enums';
import type { ScopeResolver } from '../../trpc/procedures';
import { familyUnitId, slotUnitId, visitUnitId, windowUnitId } from '../../services/visits/windows';

/** Who makes home visits. */
export const VISITORS: readonly Role[] = ['TEACHER', 'COUNSELOR'];
/** Who organises them: the school's coordinators, and admins above it. */
export const COORDINATORS: readonly Role[] = ['ADMIN', 'COORDINATOR'];
export const SCHOOL_STAFF: readonly Role[] = ['ADMIN', 'COORDINATOR', 'TEACHER', 'COUNSELOR'];

export const windowUnit: ScopeResolver<{ windowId: string }> = (input, ctx) => windowUnitId(ctx.db, input.windowId);
export const slotUnit: ScopeResolver<{ slotId: string }> = (input, ctx) => slotUnitId(ctx.db, input.slotId);
export const visitUnit: ScopeResolver<{ visitId: string }> = (input, ctx) => visitUnitId(ctx.db, input.visitId);
export const familyUnit: ScopeResolver<{ familyId: string }> = (input, ctx) => familyUnitId(ctx.db, input.familyId);
