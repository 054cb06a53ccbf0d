import type { Me } from '../../lib/auth-store';

export type StaffGrant = Me['roles'][number];

/** Roles that run sessions (开设、编辑、发布、取消). */
export const SESSION_MANAGER_ROLES = ['COORDINATOR', 'ADMIN'] as const;
/** Roles that may open the sessions list at all: teachers run 现场签到 and 名单 only. */
export const SESSION_STAFF_ROLES = ['COORDINATOR', 'ADMIN', 'TEACHER'] as const;

export function canManageSessions(grant: Pick<StaffGrant, 'role'>): boolean {
  return (SESSION_MANAGER_ROLES as readonly string[]).includes(grant.role);
}

/** The grants that reach 活动管理, managers first: the first one's unit is where new sessions are created. */
export function sessionGrants(me: Pick<Me, 'roles'>): StaffGrant[] {
  const rank = (role: string) => (role === 'COORDINATOR' ? 0 : role === 'ADMIN' ? 1 : 2);
  return me.roles
    .filter((g) => (SESSION_STAFF_ROLES as readonly string[]).includes(g.role))
    .sort((a, b) => rank(a.role) - rank(b.role));
}
