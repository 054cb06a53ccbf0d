import type { Role } from '../../shared/enums';
import type { ScopeResolver } from '../../trpc/procedures';
import { inviteUnitId } from '../../services/invites/invites';

/** Who hands out a school's codes. */
export const INVITE_MANAGERS: readonly Role[] = ['ADMIN', 'COORDINATOR'];

/** The school or site a code belongs to. */
export const inviteUnit: ScopeResolver<{ code: string }> = (input, ctx) => inviteUnitId(ctx.db, input.code);
