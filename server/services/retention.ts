import type { Db } from '../db/create-db';
import { addDays } from '../shared/china-time';
import { writeAudit } from './audit/write-audit';

/**
 * The privacy notice: records of taking part are kept at most 3 years (SERVICE_RECORD_RETENTION_DAYS), then
 * deleted or made anonymous. Past the limit, attendance and registrations of a session go, and a home
 * visit keeps only that it happened (its summary, notes, address and follow-ups go). The figures already
 * counted stay: each session's attendance count and each family's yearly service are kept where they are.
 */
export async function purgeExpiredServiceRecords(db: Db, opts: { retentionDays: number; now?: Date }) {
  const cutoff = addDays(opts.now ?? new Date(), -opts.retentionDays);
  return db.$transaction(async (tx) => {
    const oldSession = { session: { endsAt: { lt: cutoff } } };
    const attendance = (await tx.attendance.deleteMany({ where: oldSession })).count;
    const registrations = (await tx.registration.deleteMany({ where: oldSession })).count;
    const oldVisit = { slot: { endsAt: { lt: cutoff } } };
    const followUps = (await tx.visitFollowUp.deleteMany({ where: { visit: oldVisit } })).count;
    const visits = (
      await tx.visit.updateMany({
        where: {
          ...oldVisit,
          OR: [{ summaryEnc: { not: null } }, { notesEnc: { not: null } }, { addressEnc: { not: null } }],
        },
        data: { summaryEnc: null, notesEnc: null, addressEnc: null },
      })
    ).count;
    if (attendance + registrations + followUps + visits > 0) {
      await writeAudit(tx, {
        actorUserId: null,
        action: 'retention.purge',
        targetType: 'ServiceRecords',
        detail: { cutoff: cutoff.toISOString(), attendance, registrations, visits, followUps },
      });
    }
    return { attendance, registrations, visits, followUps };
  });
}
