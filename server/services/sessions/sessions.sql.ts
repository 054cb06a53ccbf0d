// Hand-written SQL of the sessions domain, one named function per statement.
// - Statements on the hot path (a burst of registrations, check-in, the scope check) take the server's
//   `SqlRunner` ($1, $2 … parameters, straight through the pg pool on PostgreSQL).
// - Statements inside a Prisma transaction take its `tx` and use Prisma's tagged templates.
// Instants are stored as UTC `timestamp(3)`: they are read `AT TIME ZONE 'UTC'` and written with
// `sqlTimestamp`, whatever the server's own time zone.
import type { Prisma } from '../../generated/prisma/client';
import { AppError } from '../../errors/app-error';
import { sqlTimestamp, type SqlRunner } from '../../db/sql-runner';
import type { SessionKind } from '../../shared/sessions';

type Tx = Prisma.TransactionClient;

export type SessionStatus = 'DRAFT' | 'PUBLISHED' | 'CANCELLED';
export type SeatStatus = 'CONFIRMED' | 'WAITLISTED';

/** The org unit a session belongs to (the scope of staff procedures on it). */
export async function sessionUnitId(sql: SqlRunner, sessionId: string): Promise<string | null> {
  const [row] = await sql<{ orgUnitId: string }>(`SELECT "orgUnitId" FROM "Session" WHERE id = $1`, [sessionId]);
  return row?.orgUnitId ?? null;
}

export interface LockedSession {
  id: string;
  title: string;
  kind: SessionKind;
  status: SessionStatus;
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

/** One more confirmed (or waitlisted) family on the session's counters. Caller holds the lock. */
export async function countSeat(tx: Tx, sessionId: string, status: SeatStatus, delta: 1 | -1): Promise<void> {
  if (status === 'CONFIRMED') {
    await tx.$executeRaw`UPDATE "Session" SET "confirmedCount" = "confirmedCount" + ${delta} WHERE id = ${sessionId}`;
  } else {
    await tx.$executeRaw`UPDATE "Session" SET "waitlistedCount" = "waitlistedCount" + ${delta} WHERE id = ${sessionId}`;
  }
}

/** A waitlisted family moves into a confirmed seat on the counters. Caller holds the lock. */
export async function countPromotion(tx: Tx, sessionId: string): Promise<void> {
  await tx.$executeRaw`
    UPDATE "Session" SET "confirmedCount" = "confirmedCount" + 1, "waitlistedCount" = "waitlistedCount" - 1
     WHERE id = ${sessionId}`;
}

/**
 * Writes (or re-opens a cancelled) registration. The queue position is the database's clock once the
 * lock is held, as in `registerFirstTime`.
 */
export async function upsertRegistration(
  tx: Tx,
  args: { sessionId: string; familyId: string; status: SeatStatus; attendees: number; actorId: string },
): Promise<void> {
  await tx.$executeRaw`
    INSERT INTO "Registration" (id, "sessionId", "familyId", status, attendees, "registeredById", "queuedAt",
                                "createdAt", "updatedAt")
    VALUES (gen_random_uuid()::text, ${args.sessionId}, ${args.familyId}, ${args.status}::"RegistrationStatus",
            ${args.attendees}, ${args.actorId}, clock_timestamp(), clock_timestamp(), clock_timestamp())
    ON CONFLICT ("sessionId", "familyId") DO UPDATE
       SET status = EXCLUDED.status, attendees = EXCLUDED.attendees, "registeredById" = EXCLUDED."registeredById",
           "queuedAt" = clock_timestamp(), "updatedAt" = clock_timestamp()`;
}

/** The first family on the waitlist, in queue order. */
export async function firstWaitlisted(tx: Tx, sessionId: string): Promise<{ id: string; familyId: string } | null> {
  const rows = await tx.$queryRaw<{ id: string; familyId: string }[]>`
    SELECT id, "familyId" FROM "Registration"
     WHERE "sessionId" = ${sessionId} AND status = 'WAITLISTED'
     ORDER BY "queuedAt", id
     LIMIT 1`;
  return rows[0] ?? null;
}

export async function confirmRegistration(tx: Tx, registrationId: string): Promise<void> {
  await tx.$executeRaw`UPDATE "Registration" SET status = 'CONFIRMED', "updatedAt" = now() WHERE id = ${registrationId}`;
}

/** What the one-statement first registration reads first (its notice text comes from it). */
export interface SessionForRegistration {
  id: string;
  title: string;
  kind: SessionKind;
  status: SessionStatus;
  startsAt: Date;
  endsAt: Date;
  venue: string | null;
  unitPath: string;
  familyPath: string | null;
}

export async function sessionForRegistration(
  sql: SqlRunner,
  sessionId: string,
  familyId: string,
): Promise<SessionForRegistration | null> {
  const [s] = await sql<SessionForRegistration>(
    `SELECT s.id, s.title, s.kind::text AS kind, s.status::text AS status,
            s."startsAt" AT TIME ZONE 'UTC' AS "startsAt", s."endsAt" AT TIME ZONE 'UTC' AS "endsAt", s.venue,
            o.path AS "unitPath",
            (SELECT fo.path FROM "Family" f JOIN "OrgUnit" fo ON fo.id = f."orgUnitId" WHERE f.id = $2) AS "familyPath"
       FROM "Session" s JOIN "OrgUnit" o ON o.id = s."orgUnitId" WHERE s.id = $1`,
    [sessionId, familyId],
  );
  return s ?? null;
}

export interface FirstRegistration {
  sessionId: string;
  familyId: string;
  actorId: string;
  attendees: number;
  /** The session as read by `sessionForRegistration`: the statement does nothing if it has changed since. */
  seen: Pick<SessionForRegistration, 'unitPath' | 'title' | 'startsAt' | 'venue'>;
  reminder: { templateKey: string; page: string; data: unknown; dueAt: Date; dedupeKey: string };
}

/**
 * A family's first registration for a published session, as one statement: it takes the session's row
 * lock, seats or queues the family, counts it, queues the reminder and writes the audit row, so the lock
 * is held only while PostgreSQL runs it. Null when it did nothing (the session changed, or the family
 * already has a registration): the caller then takes the general path under the lock.
 */
export async function registerFirstTime(sql: SqlRunner, r: FirstRegistration): Promise<SeatStatus | null> {
  const rows = await sql<{ status: SeatStatus | null }>(
    `WITH s AS (
       SELECT s.id, s."confirmedCount" < s.capacity AS seat
         FROM "Session" s JOIN "OrgUnit" o ON o.id = s."orgUnitId"
        WHERE s.id = $1 AND s.status = 'PUBLISHED' AND s."endsAt" > now() AND o.path = $5
          AND s.title = $6 AND s."startsAt" = $7::timestamp AND s.venue IS NOT DISTINCT FROM $8
          FOR UPDATE OF s
     ), ins AS (
       INSERT INTO "Registration" (id, "sessionId", "familyId", status, attendees, "registeredById", "queuedAt",
                                   "createdAt", "updatedAt")
       SELECT gen_random_uuid()::text, $1, $2,
              (CASE WHEN s.seat THEN 'CONFIRMED' ELSE 'WAITLISTED' END)::"RegistrationStatus", $4, $3,
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
      r.sessionId,
      r.familyId,
      r.actorId,
      r.attendees,
      r.seen.unitPath,
      r.seen.title,
      sqlTimestamp(r.seen.startsAt),
      r.seen.venue,
      r.reminder.templateKey,
      r.reminder.page,
      JSON.stringify(r.reminder.data),
      sqlTimestamp(r.reminder.dueAt),
      r.reminder.dedupeKey,
    ],
  );
  return rows[0]?.status ?? null;
}

/** What check-in needs of a session. */
export interface CheckInSession {
  id: string;
  checkInSecret: string;
  status: SessionStatus;
  startsAt: Date;
  endsAt: Date;
  mentalHealth: boolean;
}

export async function sessionForCheckIn(sql: SqlRunner, sessionId: string): Promise<CheckInSession | null> {
  const [s] = await sql<CheckInSession>(
    `SELECT id, "checkInSecret", status::text AS status, "startsAt" AT TIME ZONE 'UTC' AS "startsAt",
            "endsAt" AT TIME ZONE 'UTC' AS "endsAt", "mentalHealth"
       FROM "Session" WHERE id = $1`,
    [sessionId],
  );
  return s ?? null;
}

/**
 * The common check-in in one statement: a registered family's attendance, the session's count, and its
 * guidance service for the year when this is its first attendance at a mental-health session. Returns
 * null when the family holds no confirmed seat (the caller then seats it as a walk-in under the lock).
 * The service-year upsert is `recordService` (service-year.ts) inlined; change both together.
 */
export async function checkInRegistered(
  sql: SqlRunner,
  args: { session: CheckInSession; familyId: string; actorId: string; serviceYear: number },
): Promise<boolean | null> {
  const rows = await sql<{ registered: boolean; firstTime: boolean }>(
    `WITH reg AS (
       SELECT 1 FROM "Registration" WHERE "sessionId" = $1 AND "familyId" = $2 AND status = 'CONFIRMED'
     ), ins AS (
       INSERT INTO "Attendance" (id, "sessionId", "familyId", present, method, "recordedById", at)
       SELECT gen_random_uuid()::text, $1, $2, true, 'QR', $3, now() WHERE EXISTS (SELECT 1 FROM reg)
       ON CONFLICT ("sessionId", "familyId") DO UPDATE
          SET present = true, method = EXCLUDED.method, "recordedById" = EXCLUDED."recordedById", at = now()
        WHERE "Attendance".present = false
       RETURNING id
     ), cnt AS (
       UPDATE "Session" SET "attendedCount" = "attendedCount" + 1
        WHERE id = $1 AND EXISTS (SELECT 1 FROM ins) RETURNING 1
     ), svc AS (
       INSERT INTO "FamilyServiceYear" ("familyId", "year", "orgUnitId", "services", "firstServedAt", "lastServedAt")
       SELECT f.id, $4::int, f."orgUnitId", 1, $5::timestamp, $5::timestamp FROM "Family" f
        WHERE f.id = $2 AND $6::boolean AND EXISTS (SELECT 1 FROM ins)
       ON CONFLICT ("familyId", "year") DO UPDATE
          SET "services" = "FamilyServiceYear"."services" + 1,
              "firstServedAt" = LEAST("FamilyServiceYear"."firstServedAt", EXCLUDED."firstServedAt"),
              "lastServedAt" = GREATEST("FamilyServiceYear"."lastServedAt", EXCLUDED."lastServedAt")
       RETURNING 1
     )
     SELECT EXISTS (SELECT 1 FROM reg) AS registered, EXISTS (SELECT 1 FROM ins) AS "firstTime"`,
    [
      args.session.id,
      args.familyId,
      args.actorId,
      args.serviceYear,
      sqlTimestamp(args.session.startsAt),
      args.session.mentalHealth,
    ],
  );
  return rows[0].registered ? rows[0].firstTime : null;
}

/** Records attendance idempotently; true when this call made the family present. */
export async function insertPresent(
  tx: Tx,
  args: { sessionId: string; familyId: string; method: 'QR' | 'ROLL_CALL' | 'PAPER'; actorId: string },
): Promise<boolean> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    INSERT INTO "Attendance" (id, "sessionId", "familyId", present, method, "recordedById", at)
    VALUES (gen_random_uuid()::text, ${args.sessionId}, ${args.familyId}, true, ${args.method}::"AttendanceMethod",
            ${args.actorId}, now())
    ON CONFLICT ("sessionId", "familyId") DO UPDATE
       SET present = true, method = EXCLUDED.method, "recordedById" = EXCLUDED."recordedById", at = now()
     WHERE "Attendance".present = false
    RETURNING id`;
  const firstTime = rows.length > 0;
  if (firstTime) await countAttended(tx, args.sessionId, 1);
  return firstTime;
}

/** Corrects a family to absent; true when it had been present. */
export async function markAbsent(
  tx: Tx,
  args: { sessionId: string; familyId: string; actorId: string },
): Promise<boolean> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    UPDATE "Attendance" SET present = false, "recordedById" = ${args.actorId}, at = now()
     WHERE "sessionId" = ${args.sessionId} AND "familyId" = ${args.familyId} AND present = true
    RETURNING id`;
  const wasPresent = rows.length > 0;
  if (wasPresent) await countAttended(tx, args.sessionId, -1);
  return wasPresent;
}

async function countAttended(tx: Tx, sessionId: string, delta: 1 | -1): Promise<void> {
  await tx.$executeRaw`UPDATE "Session" SET "attendedCount" = "attendedCount" + ${delta} WHERE id = ${sessionId}`;
}
