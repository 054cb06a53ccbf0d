import { access } from '../../trpc/access';
import { referralSchoolId } from '../../services/checklists/referrals';

/** Counsellors holding a grant on the referral's school (or above it). Another school's counsellor gets 403. */
export const schoolCounsellors = access.staff(['COUNSELOR'], (input: { referralId: string }, ctx) => referralSchoolId(ctx.db, input.referralId), 'referralId');
