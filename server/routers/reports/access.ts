import { access } from '../../trpc/access';

/** Region staff (aggregates only), admins, and a coordinator for their own site. */
export const reportReaders = access.staff(['ADMIN', 'FEDERATION', 'COMMITTEE', 'COORDINATOR'], (input: { orgUnitId: string }) => input.orgUnitId, 'orgUnitId');
export const siteCoordinators = access.staff(['ADMIN', 'COORDINATOR'], (input: { orgUnitId: string }) => input.orgUnitId, 'orgUnitId');
