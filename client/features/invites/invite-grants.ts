// Who hands out a unit's invite codes (the server checks invites.list again; this only decides what to offer).
import type { Me } from '../../lib/auth-store';

export type Grant = Me['roles'][number];

/** Coordinators and teachers of a school or site: the units whose posters they may hand out. */
export const inviteGrants = (me: Pick<Me, 'roles'>): Grant[] =>
  me.roles.filter(
    (g) =>
      (g.role === 'COORDINATOR' || g.role === 'TEACHER') &&
      (g.orgUnitKind === 'SCHOOL' || g.orgUnitKind === 'COMMUNITY_SITE'),
  );
