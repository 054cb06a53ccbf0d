// Who is calling: the signed-in user as every layer sees it. Services take the caller as `actor`.
import type { OrgUnitKind, Role } from '../shared/enums';
import { covers } from '../shared/org-tree';

export interface RoleGrant {
  role: Role;
  orgUnitId: string;
  orgUnitName: string;
  /** What the unit is (a page about a county offers what a page about a school does not). */
  orgUnitKind: OrgUnitKind;
  /** Materialised path of the org unit; a grant covers every unit whose path starts with it. */
  orgUnitPath: string;
}

export interface AuthUser {
  id: string;
  displayName: string;
  familyId: string | null;
  roles: RoleGrant[];
  sessionId: string;
  /** Consents to the privacy notice in force (privacy:basic, not withdrawn). Parents' writes need it. */
  privacyConsent: boolean;
  /** A staff account still on its initial password: it may do nothing but change it. */
  mustChangePassword: boolean;
}

/** A signed-in guardian of a family (what `parentProcedure` guarantees). */
export type FamilyUser = AuthUser & { familyId: string };

/** The caller as most services need it: who acts (for audit entries and ownership). */
export interface Actor {
  id: string;
}

/** A caller acting for their family. */
export interface FamilyActor extends Actor {
  familyId: string;
}

/** A caller whose role grants matter to the service (what they may see). */
export type StaffActor = Pick<AuthUser, 'id' | 'roles'>;

/** The grants of `user` for `roles` that cover the org unit with path `targetPath`. */
export function grantsCovering(user: Pick<AuthUser, 'roles'>, roles: readonly Role[], targetPath: string): RoleGrant[] {
  return user.roles.filter((g) => roles.includes(g.role) && covers(g.orgUnitPath, targetPath));
}

/** Whether `user` holds any of `roles` anywhere. */
export function holdsAnyRole(user: Pick<AuthUser, 'roles'>, roles: readonly Role[]): boolean {
  return user.roles.some((g) => roles.includes(g.role));
}
