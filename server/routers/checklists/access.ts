import type { ScopeResolver } from '../../trpc/procedures';

/** The province whose admins edit checklist content (黑龙江省). */
export const PROVINCE_UNIT_ID = '230000';

/** Province admins only: the scope always names the province, so a city admin is refused. */
export const theProvince: ScopeResolver<unknown> = () => PROVINCE_UNIT_ID;
