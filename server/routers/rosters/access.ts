import type { Role } from '../../shared/enums';
import type { ScopeResolver } from '../../trpc/procedures';

/** Who keeps a school's rosters: its coordinators, and admins above it. */
export const ROSTER_KEEPERS: readonly Role[] = ['ADMIN', 'COORDINATOR'];

/** The school of a roster student. */
export const childSchool: ScopeResolver<{ childId: string }> = async (input, ctx) =>
  (await ctx.db.child.findUnique({ where: { id: input.childId }, select: { schoolId: true } }))?.schoolId ?? null;

/** The school or site of a family. */
export const familyUnit: ScopeResolver<{ familyId: string }> = async (input, ctx) =>
  (await ctx.db.family.findUnique({ where: { id: input.familyId }, select: { orgUnitId: true } }))?.orgUnitId ?? null;
