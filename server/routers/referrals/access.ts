import type { ScopeResolver } from '../../trpc/procedures';
import { referralSchoolId } from '../../services/checklists/referrals';

/** The school a referral belongs to: only counsellors with a grant covering it see or act on it. */
export const referralSchool: ScopeResolver<{ referralId: string }> = (input, ctx) =>
  referralSchoolId(ctx.db, input.referralId);
