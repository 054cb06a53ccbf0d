import type { Me } from '../../lib/auth-store';

export type Grant = Me['roles'][number];

/** Who visits families (publishes slots, records visits). */
export const VISITOR_ROLES = ['TEACHER', 'COUNSELOR'] as const;
/** Who opens windows, sets class teachers and follows progress. */
export const VISIT_COORDINATOR_ROLES = ['COORDINATOR', 'ADMIN'] as const;

const hasRole = (roles: readonly string[]) => (g: Grant) => roles.includes(g.role);

export function visitorGrants(me: Pick<Me, 'roles'>): Grant[] {
  return me.roles.filter(hasRole(VISITOR_ROLES));
}

/** Coordinators first (they work at one school), then admins. */
export function visitCoordinatorGrants(me: Pick<Me, 'roles'>): Grant[] {
  return me.roles
    .filter(hasRole(VISIT_COORDINATOR_ROLES))
    .sort((a, b) => (a.role === 'COORDINATOR' ? 0 : 1) - (b.role === 'COORDINATOR' ? 0 : 1));
}

/** Schools (org units) where I visit families, without duplicates. */
export function visitorSchools(me: Pick<Me, 'roles'>): { orgUnitId: string; orgUnitName: string }[] {
  const seen = new Set<string>();
  return visitorGrants(me).flatMap((g) =>
    seen.has(g.orgUnitId) ? [] : (seen.add(g.orgUnitId), [{ orgUnitId: g.orgUnitId, orgUnitName: g.orgUnitName }]),
  );
}
