// Hand-written SQL of the sessions domain, one named function per statement.
// - Statements on the hot path (a burst of registrations, check-in, the scope check) take the server's
//   `SqlRunner` ($1, $2 … parameters, straight through the pg pool on PostgreSQL).
// - Statements inside a Prisma transaction take its `tx` and use Prisma's tagged templates.
// Instants are stored as UTC `timestamp(3)`: they are read `AT TIME ZONE 'UTC'` and written with
// `sqlTimestamp`, whatever the server's own time zone.
import type { Prisma } from '../../generated/prisma/client';
import { AppError } from '../../errors/app-error';
import { isUniqueViolation } from '../../db/database-errors';
import { sqlTimestamp, type SqlRunner } from '../../db/sql-runner';
import type { SessionKind } from '../../shared/sessions';
import { countyPathOfSql } from '../../shared/org-tree';

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
    WITH c AS (SELECT clock_timestamp() AS at)
    INSERT INTO "Registration" (id, "sessionId", "familyId", status, attendees, "registeredById", "queuedAt",
                                "createdAt", "updatedAt")
    SELECT gen_random_uuid()::text, ${args.sessionId}, ${args.familyId}, ${args.status}::"RegistrationStatus",
           ${args.attendees}, ${args.actorId}, c.at, date_trunc('milliseconds', c.at), date_trunc('milliseconds', c.at)
      FROM c
    ON CONFLICT ("sessionId", "familyId") DO UPDATE
       SET status = EXCLUDED.status, attendees = EXCLUDED.attendees, "registeredById" = EXCLUDED."registeredById",
           "queuedAt" = EXCLUDED."queuedAt", "updatedAt" = EXCLUDED."updatedAt"`;
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

/** What a group of first registrations reads of the session first (its notice text comes from it). */
export interface SessionForRegistration {
  id: string;
  title: string;
  kind: SessionKind;
  status: SessionStatus;
  startsAt: Date;
  endsAt: Date;
  venue: string | null;
  unitPath: string;
}

export async function sessionForRegistration(
  sql: SqlRunner,
  sessionId: string,
): Promise<SessionForRegistration | null> {
  const [s] = await sql<SessionForRegistration>(
    `SELECT s.id, s.title, s.kind::text AS kind, s.status::text AS status,
            s."startsAt" AT TIME ZONE 'UTC' AS "startsAt", s."endsAt" AT TIME ZONE 'UTC' AS "endsAt", s.venue,
            o.path AS "unitPath"
       FROM "Session" s JOIN "OrgUnit" o ON o.id = s."orgUnitId" WHERE s.id = $1`,
    [sessionId],
  );
  return s ?? null;
}

/** One family's first registration, as a member of a group (`registerFirstTimes`). */
export interface FirstRegistration {
  familyId: string;
  actorId: string;
  attendees: number;
}

/** What a group of first registrations for one session shares. */
export interface FirstRegistrationGroup {
  sessionId: string;
  /** The session as read by `sessionForRegistration`: the statement does nothing if it has changed since. */
  seen: Pick<SessionForRegistration, 'unitPath' | 'title' | 'startsAt' | 'venue'>;
  /** The reminder each confirmed family's guardians get; its dedupe key ends `:<familyId>:<userId>`. */
  reminder: { templateKey: string; page: string; data: unknown; dueAt: Date; dedupePrefix: string };
}

/**
 * Families' first registrations for a published session, in arrival order, as one statement: it takes
 * the session's row lock, seats the first families while seats are free and queues the rest (their
 * waitlist order is their arrival order, a microsecond apart after the lock's clock), counts them, queues
 * the reminders and writes an audit row each. So the lock is held, and the commit paid, once for the
 * whole group. Each family's status, by position; null where it did nothing (the session changed, the
 * family may not see it, or already has a registration): that caller takes the general path under the
 * lock, which answers or refuses. A family named twice is registered once, and both get its status.
 */
export async function registerFirstTimes(
  sql: SqlRunner,
  g: FirstRegistrationGroup,
  regs: FirstRegistration[],
): Promise<(SeatStatus | null)[]> {
  const rows = await sql<{ familyId: string; status: SeatStatus }>(
    `WITH s AS (
       SELECT s.id, s.capacity - s."confirmedCount" AS free
         FROM "Session" s JOIN "OrgUnit" o ON o.id = s."orgUnitId"
        WHERE s.id = $1 AND s.status = 'PUBLISHED' AND s."endsAt" > now() AND o.path = $2
          AND s.title = $3 AND s."startsAt" = $4::timestamp AND s.venue IS NOT DISTINCT FROM $5
          FOR UPDATE OF s
     ), locked AS (
       SELECT s.free, clock_timestamp() AS at FROM s
     ), fresh AS (
       SELECT DISTINCT ON (r."familyId") r."familyId", r."actorId", r.attendees, r.ord
         FROM unnest($11::text[], $12::text[], $13::int[]) WITH ORDINALITY AS r("familyId", "actorId", attendees, ord)
         JOIN "Family" fam ON fam.id = r."familyId"
         JOIN "OrgUnit" fo ON fo.id = fam."orgUnitId"
        WHERE NOT EXISTS (SELECT 1 FROM "Registration" x WHERE x."sessionId" = $1 AND x."familyId" = r."familyId")
          -- familyMaySee: the session lies in the county of the family's school or site.
          AND starts_with($2, ${countyPathOfSql('fo.path')})
        ORDER BY r."familyId", r.ord
     ), ranked AS (
       SELECT f.*, row_number() OVER (ORDER BY f.ord) AS n FROM fresh f
     ), ins AS (
       INSERT INTO "Registration" (id, "sessionId", "familyId", status, attendees, "registeredById", "queuedAt",
                                   "createdAt", "updatedAt")
       SELECT gen_random_uuid()::text, $1, r."familyId",
              (CASE WHEN r.n <= l.free THEN 'CONFIRMED' ELSE 'WAITLISTED' END)::"RegistrationStatus", r.attendees,
              r."actorId", l.at + r.n * interval '1 microsecond', date_trunc('milliseconds', l.at),
              date_trunc('milliseconds', l.at)
         FROM ranked r, locked l
       ON CONFLICT ("sessionId", "familyId") DO NOTHING
       RETURNING "familyId", status::text AS status, "registeredById"
     ), cnt AS (
       UPDATE "Session"
          SET "confirmedCount" = "confirmedCount" + c.confirmed, "waitlistedCount" = "waitlistedCount" + c.waitlisted
         FROM (SELECT count(*) FILTER (WHERE status = 'CONFIRMED') AS confirmed,
                      count(*) FILTER (WHERE status = 'WAITLISTED') AS waitlisted FROM ins) c
        WHERE "Session".id = $1 AND c.confirmed + c.waitlisted > 0
       RETURNING 1
     ), reminder AS (
       INSERT INTO "Notification" (id, "userId", "templateKey", page, data, "dueAt", "dedupeKey")
       SELECT gen_random_uuid()::text, gu."userId", $6, $7, $8::jsonb, $9::timestamp,
              $10 || ':' || ins."familyId" || ':' || gu."userId"
         FROM ins JOIN "Guardian" gu ON gu."familyId" = ins."familyId"
        WHERE ins.status = 'CONFIRMED'
       ON CONFLICT ("dedupeKey") DO NOTHING
       RETURNING 1
     ), audit AS (
       INSERT INTO "AuditLog" ("actorUserId", action, "targetType", "targetId", detail)
       SELECT ins."registeredById", 'session.register', 'Session', $1, jsonb_build_object('status', ins.status)
         FROM ins
       RETURNING 1
     )
     SELECT "familyId", status FROM ins`,
    [
      g.sessionId,
      g.seen.unitPath,
      g.seen.title,
      sqlTimestamp(g.seen.startsAt),
      g.seen.venue,
      g.reminder.templateKey,
      g.reminder.page,
      JSON.stringify(g.reminder.data),
      sqlTimestamp(g.reminder.dueAt),
      g.reminder.dedupePrefix,
      regs.map((r) => r.familyId),
      regs.map((r) => r.actorId),
      regs.map((r) => r.attendees),
    ],
  );
  const status = new Map(rows.map((r) => [r.familyId, r.status]));
  return regs.map((r) => status.get(r.familyId) ?? null);
}

/** What check-in needs of a session. */
export interface CheckInSession {
  id: string;
  checkInSecret: string;
  status: SessionStatus;
  startsAt: Date;
  endsAt: Date;
  mentalHealth: boolean;
  mode: 'OFFLINE' | 'ONLINE';
}

const CHECK_IN_COLUMNS = `id, "checkInSecret", status::text AS status, "startsAt" AT TIME ZONE 'UTC' AS "startsAt",
  "endsAt" AT TIME ZONE 'UTC' AS "endsAt", "mentalHealth", mode::text AS mode`;

export async function sessionForCheckIn(sql: SqlRunner, sessionId: string): Promise<CheckInSession | null> {
  const [s] = await sql<CheckInSession>(`SELECT ${CHECK_IN_COLUMNS} FROM "Session" WHERE id = $1`, [sessionId]);
  return s ?? null;
}

/** The session holding an online check-in code. */
export async function sessionForShortCode(sql: SqlRunner, shortCode: string): Promise<CheckInSession | null> {
  const [s] = await sql<CheckInSession>(`SELECT ${CHECK_IN_COLUMNS} FROM "Session" WHERE "checkInShortCode" = $1`, [
    shortCode,
  ]);
  return s ?? null;
}

/**
 * Gives a session the 6-digit code `code` unless it holds one already, and answers the code it holds (or
 * null when `code` belongs to another session still in its window: the caller draws again). The code is
 * first taken back from a session whose attendance window closed before `closedBefore`, so the million
 * codes are reused rather than used up.
 */
export async function claimShortCode(
  sql: SqlRunner,
  args: { sessionId: string; code: string; closedBefore: Date },
): Promise<string | null> {
  const rows = await sql<{ code: string | null }>(
    `WITH released AS (
       UPDATE "Session" SET "checkInShortCode" = NULL
        WHERE "checkInShortCode" = $2 AND "endsAt" < $3::timestamp AND id <> $1
       RETURNING id
     )
     SELECT "checkInShortCode" AS code FROM "Session" WHERE id = $1`,
    [args.sessionId, args.code, sqlTimestamp(args.closedBefore)],
  );
  if (rows[0]?.code) return rows[0].code;
  try {
    const [claimed] = await sql<{ code: string }>(
      `UPDATE "Session" SET "checkInShortCode" = COALESCE("checkInShortCode", $2)
        WHERE id = $1 AND NOT EXISTS (SELECT 1 FROM "Session" WHERE "checkInShortCode" = $2 AND id <> $1)
       RETURNING "checkInShortCode" AS code`,
      [args.sessionId, args.code],
    );
    return claimed?.code ?? null;
  } catch (e) {
    // Two sessions drew the same code at the same moment: the unique index let one of them have it.
    if (isUniqueViolation(e)) return null;
    throw e;
  }
}

/** One parent's check-in, decided with the others of its group. */
export interface RegisteredCheckIn {
  familyId: string;
  actorId: string;
}

/**
 * The common check-in for a group of parents of one session, in one statement: each registered family's
 * attendance, the session's count (one update of its row for the whole group, where one per check-in
 * made every check-in of a full hall wait on that row), and each family's guidance service for the year
 * when this is its first attendance at a mental-health session. Answers per call, in order: null when the
 * family holds no confirmed seat (the caller then seats it as a walk-in under the lock), else whether this
 * call made it present (two guardians of one family in the same group: the first one).
 * The service-year upsert is `recordService` (service-year.ts) inlined; change both together.
 */
export async function checkInRegisteredGroup(
  sql: SqlRunner,
  args: { session: CheckInSession; serviceYear: number; calls: RegisteredCheckIn[] },
): Promise<(boolean | null)[]> {
  const rows = await sql<{ n: number; registered: boolean; firstTime: boolean }>(
    `WITH input AS (
       SELECT "familyId", "actorId", n::int AS n FROM unnest($2::text[], $3::text[]) WITH ORDINALITY AS i("familyId", "actorId", n)
     ), reg AS (
       SELECT DISTINCT ON (i."familyId") i."familyId", i."actorId", i.n
         FROM input i JOIN "Registration" r ON r."sessionId" = $1 AND r."familyId" = i."familyId" AND r.status = 'CONFIRMED'
        ORDER BY i."familyId", i.n
     ), ins AS (
       INSERT INTO "Attendance" (id, "sessionId", "familyId", present, method, "recordedById", at)
       SELECT gen_random_uuid()::text, $1, reg."familyId", true, 'QR', reg."actorId", now() FROM reg ORDER BY reg."familyId"
       ON CONFLICT ("sessionId", "familyId") DO UPDATE
          SET present = true, method = EXCLUDED.method, "recordedById" = EXCLUDED."recordedById", at = now()
        WHERE "Attendance".present = false
       RETURNING "familyId"
     ), cnt AS (
       UPDATE "Session" SET "attendedCount" = "attendedCount" + (SELECT count(*) FROM ins)
        WHERE id = $1 AND EXISTS (SELECT 1 FROM ins) RETURNING 1
     ), svc AS (
       INSERT INTO "FamilyServiceYear" ("familyId", "year", "orgUnitId", "services", "firstServedAt", "lastServedAt")
       SELECT f.id, $4::int, f."orgUnitId", 1, $5::timestamp, $5::timestamp FROM "Family" f
        WHERE $6::boolean AND f.id IN (SELECT "familyId" FROM ins) ORDER BY f.id
       ON CONFLICT ("familyId", "year") DO UPDATE
          SET "services" = "FamilyServiceYear"."services" + 1,
              "firstServedAt" = LEAST("FamilyServiceYear"."firstServedAt", EXCLUDED."firstServedAt"),
              "lastServedAt" = GREATEST("FamilyServiceYear"."lastServedAt", EXCLUDED."lastServedAt")
       RETURNING 1
     )
     SELECT i.n, r.n IS NOT NULL AS registered, (r.n = i.n AND ins."familyId" IS NOT NULL) AS "firstTime"
       FROM input i
       LEFT JOIN reg r ON r."familyId" = i."familyId"
       LEFT JOIN ins ON ins."familyId" = i."familyId"
      ORDER BY i.n`,
    [
      args.session.id,
      args.calls.map((c) => c.familyId),
      args.calls.map((c) => c.actorId),
      args.serviceYear,
      sqlTimestamp(args.session.startsAt),
      args.session.mentalHealth,
    ],
  );
  return rows.map((r) => (r.registered ? r.firstTime === true : null));
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
