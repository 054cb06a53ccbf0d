// Who sees which desk page (the server checks every call again; these only decide what to offer).
import type { Me } from '../../lib/auth-store';

export type Grant = Me['roles'][number];

const having =
  (...roles: string[]) =>
  (me: Pick<Me, 'roles'>): Grant[] =>
    me.roles.filter((g) => roles.includes(g.role));

/** 学校与站点: admins manage the tree below their grant. */
export const unitAdminGrants = having('ADMIN');
/** 教职工: admins in their region, coordinators for their own school's teachers and counsellors. */
export const staffAdminGrants = having('COORDINATOR', 'ADMIN');
/** 班级名册与待核对: a school's coordinators, admins above it. */
export const rosterGrants = having('COORDINATOR', 'ADMIN');

/** 代为报名 (sessions.registerFamily): a unit's coordinators. */
export const proxyRegistrationGrants = having('COORDINATOR');

/** The desk pages are for the web build (desk computers); the mini program does not offer them. */
export const DESK_PAGES = process.env.TARO_ENV === 'h5';
