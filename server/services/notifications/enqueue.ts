import type { Prisma } from '../../generated/prisma/client';
import type { TemplateKey } from './templates';
import { cancelQueuedSms, queueHouseholdSms } from './sms-notices';

type Tx = Prisma.TransactionClient;

export interface Notice {
  templateKey: TemplateKey;
  page?: string;
  data: Record<string, { value: string }>;
  dueAt: Date;
  /** Per recipient: `${dedupePrefix}:${userId}`; the same notice is queued once. */
  dedupePrefix: string;
}

/**
 * Queues a notice for every guardian of a family (each has their own quota). A household nobody in which uses
 * the app (on a roster; registered or booked on its behalf) gets reminders and visit notices by SMS instead.
 * In the caller's transaction.
 */
export async function enqueueForFamily(tx: Tx, familyId: string, notice: Notice): Promise<void> {
  const guardians = await tx.guardian.findMany({ where: { familyId }, select: { userId: true } });
  if (guardians.length === 0) {
    await queueHouseholdSms(tx, familyId, notice);
    return;
  }
  await tx.notification.createMany({
    data: guardians.map((g) => ({
      userId: g.userId,
      templateKey: notice.templateKey,
      page: notice.page,
      data: notice.data,
      dueAt: notice.dueAt,
      dedupeKey: `${notice.dedupePrefix}:${g.userId}`,
    })),
    skipDuplicates: true,
  });
}

/** Cancels queued notices whose dedupe key starts with `prefix` (e.g. a cancelled registration's reminder). */
export async function cancelQueued(tx: Tx, prefix: string): Promise<void> {
  await tx.notification.updateMany({
    where: { dedupeKey: { startsWith: prefix }, status: 'PENDING' },
    data: { status: 'CANCELLED' },
  });
  await cancelQueuedSms(tx, prefix);
}

/**
 * Queues a notice for the guardians of many families, minding their quota: a guardian who has not accepted
 * this template (no quota left) is not sent a WeChat message — the notice is recorded as SKIPPED_NO_QUOTA at
 * once. In the caller's transaction. Counts are of guardians.
 */
export async function enqueueForFamiliesWithQuota(
  tx: Tx,
  familyIds: string[],
  notice: Notice,
): Promise<{ queued: number; skipped: number }> {
  if (familyIds.length === 0) return { queued: 0, skipped: 0 };
  const guardians = await tx.guardian.findMany({
    where: { familyId: { in: [...new Set(familyIds)] } },
    select: { userId: true, user: { select: { quotas: { where: { templateKey: notice.templateKey } } } } },
  });
  const hasQuota = (g: (typeof guardians)[number]) => g.user.quotas.some((q) => q.remaining > 0);
  const created = await tx.notification.createManyAndReturn({
    data: guardians.map((g) => ({
      userId: g.userId,
      templateKey: notice.templateKey,
      page: notice.page,
      data: notice.data,
      dueAt: notice.dueAt,
      dedupeKey: `${notice.dedupePrefix}:${g.userId}`,
      ...(hasQuota(g) ? {} : { status: 'SKIPPED_NO_QUOTA' as const, lastError: 'no quota' }),
    })),
    skipDuplicates: true,
    select: { status: true },
  });
  const skipped = created.filter((n) => n.status === 'SKIPPED_NO_QUOTA').length;
  return { queued: created.length - skipped, skipped };
}
