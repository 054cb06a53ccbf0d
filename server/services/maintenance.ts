import type { Db } from '../db/create-db';
import type { Logger } from '../logger';
import { purgeExpiredResponses } from './checklists/responses';
import { purgeExpiredDrafts } from './checklists/answer-drafts';
import { escalateOverdueReferrals } from './checklists/referrals';
import { purgeRateLimitBuckets } from './rate-limit';
import { purgeExpiredServiceRecords } from './retention';
import { remindClassTeachers } from './visits/care-reminders';

/** The privacy notice's limit for records of taking part (3 years). */
export const DEFAULT_SERVICE_RECORD_RETENTION_DAYS = 1095;

/**
 * Periodic jobs: delete checklist responses, unfinished checklist drafts and records of taking part past their
 * retention, escalate referrals not acknowledged by their deadline, and remind class teachers of special-group
 * students at the moments the policy names. All are safe when several processes run them.
 */
export async function runMaintenance(db: Db, now = new Date(), retentionDays = DEFAULT_SERVICE_RECORD_RETENTION_DAYS) {
  const purged = await purgeExpiredResponses(db, now);
  await purgeExpiredDrafts(db, now);
  await purgeExpiredServiceRecords(db, { retentionDays, now });
  const escalated = await escalateOverdueReferrals(db, now);
  await purgeRateLimitBuckets(db, now);
  // Special-group students: class teachers reminded at term start, exam weeks and before the holidays.
  const reminded = await remindClassTeachers(db, now);
  return { purged: purged.deleted, escalated: escalated.escalated, reminded };
}

export function startMaintenance(
  deps: { db: Db; log: Logger; serviceRecordRetentionDays?: number },
  intervalMs: number,
) {
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  const tick = async () => {
    if (stopped) return;
    try {
      const r = await runMaintenance(deps.db, new Date(), deps.serviceRecordRetentionDays);
      if (r.purged || r.escalated || r.reminded) deps.log.info(r, 'maintenance');
    } catch (err) {
      deps.log.warn({ err: { name: (err as Error).name } }, 'maintenance failed');
    }
    if (!stopped) timer = setTimeout(tick, intervalMs);
  };
  timer = setTimeout(tick, 5_000);
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
  };
}
