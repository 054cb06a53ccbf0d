import type { Prisma } from '../../generated/prisma/client';
import { pathIds } from '../../shared/org-tree';
import type { Role } from '../../shared/enums';
import { time } from '../notifications/templates';
import type { TemplateKey } from '../notifications/templates';

type Tx = Prisma.TransactionClient;

/** The subscribe-message template for referral alerts (counsellors) and escalations (coordinators). */
export const REFERRAL_TEMPLATE_KEY: TemplateKey = 'REFERRAL_ALERT';

/** The counsellors' page for one referral. The id says nothing about the family. */
export const referralPage = (referralId: string) => `packageChecklists/referral/index?id=${referralId}`;

/**
 * Users holding `role` on the school or on a unit above it. A path is made of the ids of the units
 * above, so the covering grants are those on one of the path's segments (no recursive query).
 */
export async function staffCoveringSchool(tx: Tx, schoolPath: string, role: Role): Promise<string[]> {
  const unitIds = pathIds(schoolPath);
  const rows = await tx.roleAssignment.findMany({
    where: { role, orgUnitId: { in: unitIds }, user: { disabled: false } },
    select: { userId: true },
  });
  return [...new Set(rows.map((r) => r.userId))];
}

/**
 * Queues an alert without any sensitive content: no child, no family, no tier, no answers —
 * only that there is something to handle and by when.
 */
export async function queueReferralAlert(
  tx: Tx,
  userIds: string[],
  alert: {
    referralId: string;
    deadline: Date;
    message: string;
    status: string;
    dedupe: string;
    page?: string;
    /** What makes two alerts the same one (default: the referral); e.g. one new-referral alert per child per day. */
    dedupeScope?: string;
  },
): Promise<number> {
  if (userIds.length === 0) return 0;
  const { count } = await tx.notification.createMany({
    data: userIds.map((userId) => ({
      userId,
      templateKey: REFERRAL_TEMPLATE_KEY,
      page: alert.page ?? referralPage(alert.referralId),
      data: { thing1: { value: alert.message }, time2: time(alert.deadline), phrase3: { value: alert.status } },
      dueAt: new Date(),
      dedupeKey: `${alert.dedupe}:${alert.dedupeScope ?? alert.referralId}:${userId}`,
    })),
    skipDuplicates: true,
  });
  return count;
}
