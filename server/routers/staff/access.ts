import type { Role } from '../../shared/enums';
import type { ScopeResolver } from '../../trpc/procedures';

/** Who manages staff accounts: admins in their region, coordinators for their own school's teachers. */
export const STAFF_MANAGERS: readonly Role[] = ['ADMIN', 'COORDINATOR'];

/** The unit of the account's first grant (the service then checks every grant it holds). */
export const staffUnit: ScopeResolver<{ userId: string }> = async (input, ctx) =>
  (
    await ctx.db.roleAssignment.findFirst({
      where: { userId: input.userId },
      select: { orgUnitId: true },
      orderBy: { createdAt: 'asc' },
    })
  )?.orgUnitId ?? null;
