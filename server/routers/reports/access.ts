import type { Role } from '../../shared/enums';

/** Region staff (aggregates only), admins, and a coordinator for their own site. */
export const REPORT_READERS: readonly Role[] = ['ADMIN', 'FEDERATION', 'COMMITTEE', 'COORDINATOR'];
/** Who follows up a site's own families. */
export const SITE_COORDINATORS: readonly Role[] = ['ADMIN', 'COORDINATOR'];
