import type { Db } from '../../db/create-db';
import type { Prisma } from '../../generated/prisma/client';
import { AppError } from '../../errors/app-error';
import { SESSION_KIND_LABELS } from '../../shared/sessions';
import { writeAudit } from '../audit/write-audit';
import { cancelQueued, enqueueForFamily } from '../notifications/enqueue';
import { thing, time } from '../notifications/templates';
import { familyMaySee } from './session-scope';
import { sqlTimestamp, type SqlRunner } from '../../db/sql-runner';

type Tx = Prisma.TransactionClient;

/**
 * Transactions that wait for a session's row lock: in a burst (a city registering the hour a session
 * opens) hundreds queue for the same row, so give them time to get a connection and the lock.
 */
export const LOCKED_TX = { maxWait: 20_000, timeout: 30_000 } as const;

interface LockedSession {
  id: string;
  title: string;
  kind: keyof typeof SESSION_KIND_LABELS;
  status: 'DRAFT' | 'PUBLISHED' | 'CANCELLED';
  capacity: number;
  confirmedCount: number;
  startsAt: Date;
  endsAt: Date;
  venue: string | null;
  unitPath: string;
}

/**
 * Locks the session row for the rest of the transaction. Every change to a session's registrations
 * takes this lock first, so capacity holds under concurrent requests from any number of processes.
 */
export async function lockSession(tx: Tx, sessionId: string): Promise<LockedSession> {
  const rows = await tx.$queryRaw<LockedSession[]>`
    SELECT s.id, s.title, s.kind::text AS kind, s.status::text AS status, s.capacity, s."confirmedCount",
           s."startsAt", s."endsAt", s.venue, o.path AS "unitPath"
      FROM "Session" s JOIN "OrgUnit" o ON o.id = s."orgUnitId"
     WHERE s.id = ${sessionId}
       FOR UPDATE OF s`;
  if (!rows[0]) throw new AppError('NOT_FOUND', '活动不存在');
  return rows[0];
}

/**
 * Per server process (per database handle), the sessions whose locked writes are running or queued.
 * A burst for one session (a thousand families the minute it opens) would otherwise park every pooled
 * connection on the same row lock, and requests for anything else would wait for a connection until
 * they time out. Here the waiting happens in memory, one locked write per session per process at a
 * time; across processes the row lock still decides, and capacity is enforced by it alone.
 */
const sessionQueues = new WeakMap<object, Map<string, Promise<unknown>>>();

function inSessionQueue<T>(db: Db, sessionId: string, fn: () => Promise<T>): Promise<T> {
  let queues = sessionQueues.get(db);
  if (!queues) sessionQueues.set(db, (queues = new Map()));
  const q = queues;
  const previous = q.get(sessionId) ?? Promise.resolve();
  const result = previous.then(fn, fn);
  const tail = result.then(
    () => undefined,
    () => undefined,
  );
  q.set(sessionId, tail);
  void tail.then(() => {
    if (q.get(sessionId) === tail) q.delete(sessionId);
  });
  return result;
}

/** Runs `fn` in a transaction holding the session's row lock (after this process's earlier ones for it). */
export function withSessionLock<T>(db: Db, sessionId: string, fn: (tx: Tx, s: LockedSession) => Promise<T>): Promise<T> {
  return inSessionQueue(db, sessionId, () => db.$transaction(async (tx) => fn(tx, await lockSession(tx, sessionId)), LOCKED_TX));
}

function reminderNotice(s: LockedSession, sessionId: string) {
  return {
    templateKey: 'SESSION_REMINDER' as const,
    page: `packageParent/session/index?id=${sessionId}`,
    data: { thing1: thing(s.title), time2: time(s.startsAt), thing3: thing(s.venue ?? '线上'), thing4: thing('活动将于明天开始，请准时参加') },
    // 24 hours before; for a session sooner than that, right away.
    dueAt: new Date(Math.max(Date.now(), s.startsAt.getTime() - 24 * 3600_000)),
    dedupePrefix: `reminder:${sessionId}`,
  };
}

async function scheduleReminder(tx: Tx, s: LockedSession, familyId: string) {
  await enqueueForFamily(tx, familyId, { ...reminderNotice(s, s.id), dedupePrefix: `reminder:${s.id}:${familyId}` });
}

/** Seats one more family if there is room: CONFIRMED, else WAITLISTED. Caller holds the session lock. */
async function seatOrQueue(tx: Tx, s: LockedSession): Promise<'CONFIRMED' | 'WAITLISTED'> {
  if (s.confirmedCount < s.capacity) {
    await tx.$executeRaw`UPDATE "Session" SET "confirmedCount" = "confirmedCount" + 1 WHERE id = ${s.id}`;
    s.confirmedCount += 1;
    return 'CONFIRMED';
  }
  await tx.$executeRaw`UPDATE "Session" SET "waitlistedCount" = "waitlistedCount" + 1 WHERE id = ${s.id}`;
  return 'WAITLISTED';
}

export async function familyUnitPath(db: Db | Tx, familyId: string): Promise<string> {
  const f = await db.family.findUniqueOrThrow({ where: { id: familyId }, select: { orgUnit: { select: { path: true } } } });
  return f.orgUnit.path;
}

/**
 * A family's first registration for a published session, as one statement: it takes the session's
 * row lock, seats or queues the family, counts it, queues the reminder and writes the audit row, so the
 * lock is held only while PostgreSQL runs it (no round trips to this process in between). The notice
 * text comes from the session as read just before; the statement does nothing (null) if the session
 * has changed since, if the family already has a registration, or in any other case, and the caller
 * then takes the general path under the lock. The same rules as `register` below; change both together.
 */
async function registerFirstTime(sql: SqlRunner, actorId: string, familyId: string, sessionId: string, attendees: number) {
  const [s] = await sql<Omit<LockedSession, 'confirmedCount' | 'capacity'> & { familyPath: string | null }>(
    // Instants are stored as UTC timestamps: read them as such, whatever the server's time zone.
    `SELECT s.id, s.title, s.kind::text AS kind, s.status::text AS status, s."startsAt" AT TIME ZONE 'UTC' AS "startsAt",
            s."endsAt" AT TIME ZONE 'UTC' AS "endsAt", s.venue, o.path AS "unitPath",
            (SELECT fo.path FROM "Family" f JOIN "OrgUnit" fo ON fo.id = f."orgUnitId" WHERE f.id = $2) AS "familyPath"
       FROM "Session" s JOIN "OrgUnit" o ON o.id = s."orgUnitId" WHERE s.id = $1`,
    [sessionId, familyId],
  );
  if (!s?.familyPath || s.status !== 'PUBLISHED' || s.endsAt.getTime() <= Date.now() || !familyMaySee(s.unitPath, s.familyPath)) return null;
  const notice = reminderNotice({ ...s, capacity: 0, confirmedCount: 0 }, sessionId);
  const rows = await sql<{ status: 'CONFIRMED' | 'WAITLISTED' | null }>(
    `WITH s AS (
       SELECT s.id, s."confirmedCount" < s.capacity AS seat
         FROM "Session" s JOIN "OrgUnit" o ON o.id = s."orgUnitId"
        WHERE s.id = $1 AND s.status = 'PUBLISHED' AND s."endsAt" > now() AND o.path = $5
          AND s.title = $6 AND s."startsAt" = $7::timestamp AND s.venue IS NOT DISTINCT FROM $8
          FOR UPDATE OF s
     ), ins AS (
       INSERT INTO "Registration" (id, "sessionId", "familyId", status, attendees, "registeredById", "queuedAt", "createdAt", "updatedAt")
       SELECT gen_random_uuid()::text, $1, $2, (CASE WHEN s.seat THEN 'CONFIRMED' ELSE 'WAITLISTED' END)::"RegistrationStatus", $4, $3,
              clock_timestamp(), clock_timestamp(), clock_timestamp()
         FROM s
        WHERE NOT EXISTS (SELECT 1 FROM "Registration" r WHERE r."sessionId" = $1 AND r."familyId" = $2)
       ON CONFLICT ("sessionId", "familyId") DO NOTHING
       RETURNING status::text AS status
     ), cnt AS (
       UPDATE "Session"
          SET "confirmedCount" = "confirmedCount" + (CASE WHEN ins.status = 'CONFIRMED' THEN 1 ELSE 0 END),
              "waitlistedCount" = "waitlistedCount" + (CASE WHEN ins.status = 'WAITLISTED' THEN 1 ELSE 0 END)
         FROM ins WHERE "Session".id = $1
       RETURNING 1
     ), reminder AS (
       INSERT INTO "Notification" (id, "userId", "templateKey", page, data, "dueAt", "dedupeKey")
       SELECT gen_random_uuid()::text, g."userId", $9, $10, $11::jsonb, $12::timestamp, $13 || ':' || g."userId"
         FROM "Guardian" g, ins WHERE g."familyId" = $2 AND ins.status = 'CONFIRMED'
       ON CONFLICT ("dedupeKey") DO NOTHING
       RETURNING 1
     ), audit AS (
       INSERT INTO "AuditLog" ("actorUserId", action, "targetType", "targetId", detail)
       SELECT $3, 'session.register', 'Session', $1, jsonb_build_object('status', ins.status) FROM ins
       RETURNING 1
     )
     SELECT (SELECT status FROM ins) AS status`,
    [
      sessionId,
      familyId,
      actorId,
      attendees,
      s.unitPath,
      s.title,
      sqlTimestamp(s.startsAt),
      s.venue,
      notice.templateKey,
      notice.page,
      JSON.stringify(notice.data),
      sqlTimestamp(notice.dueAt),
      `reminder:${sessionId}:${familyId}`,
    ],
  );
  return rows[0]?.status ? { status: rows[0].status } : null;
}

/**
 * One registration per family per session. Repeating it returns the existing status; a family that
 * cancelled earlier registers again at the back of the queue. With `sql` (the server's hot-path
 * runner), a family's first registration for a published session is one statement (above).
 */
export async function register(db: Db, actorId: string, familyId: string, sessionId: string, attendees = 1, sql: SqlRunner | null = null) {
  if (sql) {
    // Not queued in this process: the statement holds the row lock only while PostgreSQL runs it, so a
    // burst hands the lock from one waiting connection to the next inside the database.
    const first = await registerFirstTime(sql, actorId, familyId, sessionId, attendees);
    if (first) return first;
  }
  const unitPath = await familyUnitPath(db, familyId);
  return withSessionLock(db, sessionId, async (tx, s) => {
    if (s.status === 'DRAFT' || !familyMaySee(s.unitPath, unitPath)) throw new AppError('NOT_FOUND', '活动不存在');
    const existing = await tx.registration.findUnique({ where: { sessionId_familyId: { sessionId, familyId } }, select: { id: true, status: true } });
    if (existing && existing.status !== 'CANCELLED') return { status: existing.status as 'CONFIRMED' | 'WAITLISTED' };
    if (s.status === 'CANCELLED') throw new AppError('CONFLICT', '该活动已取消');
    if (s.endsAt.getTime() <= Date.now()) throw new AppError('CONFLICT', '该活动已结束，不能再报名');
    const status = await seatOrQueue(tx, s);
    // The queue position is the database's clock once the lock is held (as in registerFirstTime).
    await tx.$executeRaw`
      INSERT INTO "Registration" (id, "sessionId", "familyId", status, attendees, "registeredById", "queuedAt", "createdAt", "updatedAt")
      VALUES (gen_random_uuid()::text, ${sessionId}, ${familyId}, ${status}::"RegistrationStatus", ${attendees}, ${actorId}, clock_timestamp(), clock_timestamp(), clock_timestamp())
      ON CONFLICT ("sessionId", "familyId") DO UPDATE
         SET status = EXCLUDED.status, attendees = EXCLUDED.attendees, "registeredById" = EXCLUDED."registeredById",
             "queuedAt" = clock_timestamp(), "updatedAt" = clock_timestamp()`;
    if (status === 'CONFIRMED') await scheduleReminder(tx, s, familyId);
    await writeAudit(tx, { actorUserId: actorId, action: 'session.register', targetType: 'Session', targetId: sessionId, detail: { status } });
    return { status };
  });
}

/** Promotes the first waitlisted family into a freed seat, in the caller's transaction, and tells it. */
async function promoteFirst(tx: Tx, s: LockedSession): Promise<string | null> {
  if (s.confirmedCount >= s.capacity) return null;
  const next = await tx.$queryRaw<{ id: string; familyId: string }[]>`
    SELECT id, "familyId" FROM "Registration"
     WHERE "sessionId" = ${s.id} AND status = 'WAITLISTED'
     ORDER BY "queuedAt", id
     LIMIT 1`;
  if (!next[0]) return null;
  await tx.$executeRaw`UPDATE "Registration" SET status = 'CONFIRMED', "updatedAt" = now() WHERE id = ${next[0].id}`;
  await tx.$executeRaw`UPDATE "Session" SET "confirmedCount" = "confirmedCount" + 1, "waitlistedCount" = "waitlistedCount" - 1 WHERE id = ${s.id}`;
  s.confirmedCount += 1;
  await enqueueForFamily(tx, next[0].familyId, {
    templateKey: 'SESSION_CHANGE',
    page: `packageParent/session/index?id=${s.id}`,
    data: { thing1: thing(s.title), time2: time(s.startsAt), phrase3: { value: '候补成功' }, thing4: thing('已为您保留名额，请准时参加') },
    dueAt: new Date(),
    dedupePrefix: `promoted:${s.id}:${next[0].familyId}:${Date.now()}`,
  });
  await scheduleReminder(tx, s, next[0].familyId);
  return next[0].familyId;
}

/** Cancels the family's registration; the first waitlisted family takes the seat in the same transaction. */
export async function cancelRegistration(db: Db, actorId: string, familyId: string, sessionId: string) {
  return withSessionLock(db, sessionId, async (tx, s) => {
    const reg = await tx.registration.findUnique({ where: { sessionId_familyId: { sessionId, familyId } }, select: { id: true, status: true } });
    if (!reg) throw new AppError('NOT_FOUND', '您没有报名该活动');
    if (reg.status === 'CANCELLED') return { status: 'CANCELLED' as const };
    await tx.registration.update({ where: { id: reg.id }, data: { status: 'CANCELLED' }, select: { id: true } });
    if (reg.status === 'CONFIRMED') {
      await tx.$executeRaw`UPDATE "Session" SET "confirmedCount" = "confirmedCount" - 1 WHERE id = ${sessionId}`;
      s.confirmedCount -= 1;
      if (s.status === 'PUBLISHED') await promoteFirst(tx, s);
    } else {
      await tx.$executeRaw`UPDATE "Session" SET "waitlistedCount" = "waitlistedCount" - 1 WHERE id = ${sessionId}`;
    }
    await cancelQueued(tx, `reminder:${sessionId}:${familyId}`);
    await writeAudit(tx, { actorUserId: actorId, action: 'session.cancelRegistration', targetType: 'Session', targetId: sessionId });
    return { status: 'CANCELLED' as const };
  });
}

/** After capacity grows: fill the new seats from the waitlist, in order. Caller holds the lock. */
export async function promoteWhileSeats(tx: Tx, s: LockedSession): Promise<number> {
  let promoted = 0;
  while (s.confirmedCount < s.capacity && (await promoteFirst(tx, s))) promoted += 1;
  return promoted;
}

/** A walk-in at check-in: takes a seat if one is free (used by check-in for unregistered families). */
export async function seatWalkIn(tx: Tx, s: LockedSession, familyId: string, actorId: string): Promise<void> {
  const existing = await tx.registration.findUnique({ where: { sessionId_familyId: { sessionId: s.id, familyId } }, select: { id: true, status: true } });
  if (existing?.status === 'CONFIRMED') return;
  if (s.confirmedCount >= s.capacity) throw new AppError('CONFLICT', '本场活动名额已满，无法签到');
  await tx.$executeRaw`UPDATE "Session" SET "confirmedCount" = "confirmedCount" + 1 WHERE id = ${s.id}`;
  s.confirmedCount += 1;
  if (existing) {
    if (existing.status === 'WAITLISTED') await tx.$executeRaw`UPDATE "Session" SET "waitlistedCount" = "waitlistedCount" - 1 WHERE id = ${s.id}`;
    await tx.registration.update({ where: { id: existing.id }, data: { status: 'CONFIRMED' }, select: { id: true } });
  } else {
    await tx.registration.create({ data: { sessionId: s.id, familyId, status: 'CONFIRMED', registeredById: actorId }, select: { id: true } });
  }
}
