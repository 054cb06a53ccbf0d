import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Db } from '../../db/create-db';
import { sqlTimestamp, type SqlRunner } from '../../db/sql-runner';
import type { Prisma } from '../../generated/prisma/client';
import { AppError } from '../../errors/app-error';
import { writeAudit } from '../audit/write-audit';
import { recordService, serviceYear, unrecordService } from './service-year';
import { familyMaySee } from './session-scope';
import { familyUnitPath, seatWalkIn, withSessionLock } from './registration';

type Tx = Prisma.TransactionClient;

/** The code rotates every minute; the current and the previous minute's codes are accepted. */
export const CHECK_IN_WINDOW_MS = 60_000;
/** After this long past the end, check-in closes (the coordinator can still enter a paper sheet). */
const CHECK_IN_GRACE_MS = 12 * 3600_000;

function signature(secret: string, sessionId: string, window: number): string {
  return createHmac('sha256', secret).update(`${sessionId}.${window}`).digest('base64url').slice(0, 22);
}

export async function checkInCode(db: Db, sessionId: string, now = Date.now()) {
  const s = await db.guidanceSession.findUnique({ where: { id: sessionId }, select: { checkInSecret: true, status: true } });
  if (!s) throw new AppError('NOT_FOUND', '活动不存在');
  if (s.status === 'CANCELLED') throw new AppError('CONFLICT', '该活动已取消');
  const window = Math.floor(now / CHECK_IN_WINDOW_MS);
  return {
    code: `${sessionId}.${window}.${signature(s.checkInSecret, sessionId, window)}`,
    // Valid through the next minute, so a code shown just before it rotates still works.
    expiresAt: new Date((window + 2) * CHECK_IN_WINDOW_MS).toISOString(),
  };
}

function parseCode(code: string): { sessionId: string; window: number; sig: string } {
  const parts = code.split('.');
  if (parts.length !== 3 || !/^\d+$/.test(parts[1])) throw new AppError('BAD_REQUEST', '签到码无效，请重新扫描现场二维码');
  return { sessionId: parts[0], window: Number(parts[1]), sig: parts[2] };
}

/**
 * Records attendance idempotently; returns whether this call made the family present.
 * A first attendance at a mental-health session counts a guidance service for the family's year.
 */
export async function markPresent(tx: Tx, args: { sessionId: string; familyId: string; method: 'QR' | 'ROLL_CALL' | 'PAPER'; actorId: string; startsAt: Date; mentalHealth: boolean }) {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    INSERT INTO "Attendance" (id, "sessionId", "familyId", present, method, "recordedById", at)
    VALUES (gen_random_uuid()::text, ${args.sessionId}, ${args.familyId}, true, ${args.method}::"AttendanceMethod", ${args.actorId}, now())
    ON CONFLICT ("sessionId", "familyId") DO UPDATE
       SET present = true, method = EXCLUDED.method, "recordedById" = EXCLUDED."recordedById", at = now()
     WHERE "Attendance".present = false
    RETURNING id`;
  const firstTime = rows.length > 0;
  if (firstTime) await tx.$executeRaw`UPDATE "Session" SET "attendedCount" = "attendedCount" + 1 WHERE id = ${args.sessionId}`;
  if (firstTime && args.mentalHealth) await recordService(tx, args.familyId, args.startsAt);
  return firstTime;
}

interface CheckInSession {
  id: string;
  checkInSecret: string;
  status: 'DRAFT' | 'PUBLISHED' | 'CANCELLED';
  startsAt: Date;
  endsAt: Date;
  mentalHealth: boolean;
}

/**
 * A burst of check-ins reads the same session row thousands of times a minute: keep it for a few
 * seconds per process. (A cancellation is seen within CACHE_MS; the code itself rotates every minute.)
 */
const CACHE_MS = 5_000;
const sessionCache = new Map<string, { at: number; value: CheckInSession | null }>();

async function sessionForCheckIn(db: Db, id: string, now: number): Promise<CheckInSession | null> {
  const hit = sessionCache.get(id);
  if (hit && now - hit.at < CACHE_MS) return hit.value;
  const value = await db.guidanceSession.findUnique({
    where: { id },
    select: { id: true, checkInSecret: true, status: true, startsAt: true, endsAt: true, mentalHealth: true },
  });
  if (sessionCache.size > 10_000) sessionCache.clear();
  sessionCache.set(id, { at: now, value });
  return value;
}

/**
 * The common case in one statement: a registered family's attendance, and its guidance service for
 * the year when this is its first attendance at a mental-health session. Returns null when the family
 * holds no confirmed seat (the caller then seats it as a walk-in under the session lock).
 * The service-year upsert is `recordService` (service-year.ts) inlined, so the hot path stays one statement;
 * change both together.
 */
async function checkInRegistered(sql: SqlRunner, s: CheckInSession, familyId: string, actorId: string): Promise<boolean | null> {
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
       UPDATE "Session" SET "attendedCount" = "attendedCount" + 1 WHERE id = $1 AND EXISTS (SELECT 1 FROM ins) RETURNING 1
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
    [s.id, familyId, actorId, serviceYear(s.startsAt), sqlTimestamp(s.startsAt), s.mentalHealth],
  );
  return rows[0].registered ? rows[0].firstTime : null;
}

/** A parent scans the coordinator's QR code. Idempotent: a family checking in twice counts once. */
export async function checkIn(db: Db, sql: SqlRunner, actorId: string, familyId: string, code: string, now = Date.now()) {
  const parsed = parseCode(code);
  const s = await sessionForCheckIn(db, parsed.sessionId, now);
  if (!s) throw new AppError('BAD_REQUEST', '签到码无效，请重新扫描现场二维码');
  const current = Math.floor(now / CHECK_IN_WINDOW_MS);
  const expected = [current, current - 1].includes(parsed.window) ? signature(s.checkInSecret, s.id, parsed.window) : null;
  const a = Buffer.from(parsed.sig);
  if (!expected || a.length !== expected.length || !timingSafeEqual(a, Buffer.from(expected))) {
    throw new AppError('BAD_REQUEST', '签到码已过期或无效，请扫描现场最新的二维码');
  }
  if (s.status !== 'PUBLISHED') throw new AppError('CONFLICT', s.status === 'CANCELLED' ? '该活动已取消' : '活动尚未发布');
  if (s.endsAt.getTime() + CHECK_IN_GRACE_MS < now) throw new AppError('CONFLICT', '本场活动签到已结束');

  const fast = await checkInRegistered(sql, s, familyId, actorId);
  if (fast !== null) return { sessionId: s.id, firstTime: fast };
  // Not registered (or waitlisted): a walk-in takes a seat while capacity allows, under the session lock.
  return withSessionLock(db, s.id, async (tx, locked) => {
    await seatWalkIn(tx, locked, familyId, actorId);
    const firstTime = await markPresent(tx, { sessionId: s.id, familyId, method: 'QR', actorId, startsAt: s.startsAt, mentalHealth: s.mentalHealth });
    return { sessionId: s.id, firstTime };
  });
}

/** The coordinator's roll call, also for entering a paper sign-in sheet after the event. */
export async function markAttendance(
  db: Db,
  actorId: string,
  input: { sessionId: string; familyId: string; present: boolean; method?: 'ROLL_CALL' | 'PAPER' },
) {
  const s = await db.guidanceSession.findUnique({
    where: { id: input.sessionId },
    select: { id: true, status: true, startsAt: true, mentalHealth: true, orgUnit: { select: { path: true } } },
  });
  if (!s) throw new AppError('NOT_FOUND', '活动不存在');
  if (s.status === 'CANCELLED') throw new AppError('CONFLICT', '该活动已取消');
  const family = await db.family.findUnique({ where: { id: input.familyId }, select: { id: true } });
  if (!family) throw new AppError('NOT_FOUND', '家庭不存在');
  const registered = await db.registration.findUnique({ where: { sessionId_familyId: { sessionId: s.id, familyId: family.id } }, select: { id: true } });
  if (!registered && !familyMaySee(s.orgUnit.path, await familyUnitPath(db, family.id))) {
    throw new AppError('FORBIDDEN', '该家庭不在本活动的服务范围内');
  }
  await db.$transaction(async (tx) => {
    if (input.present) {
      await markPresent(tx, { sessionId: s.id, familyId: family.id, method: input.method ?? 'ROLL_CALL', actorId, startsAt: s.startsAt, mentalHealth: s.mentalHealth });
    } else {
      const wasPresent = await tx.$queryRaw<{ id: string }[]>`
        UPDATE "Attendance" SET present = false, "recordedById" = ${actorId}, at = now()
         WHERE "sessionId" = ${s.id} AND "familyId" = ${family.id} AND present = true
        RETURNING id`;
      if (wasPresent.length > 0) await tx.$executeRaw`UPDATE "Session" SET "attendedCount" = "attendedCount" - 1 WHERE id = ${s.id}`;
      if (wasPresent.length > 0 && s.mentalHealth) await unrecordService(tx, family.id, s.startsAt);
    }
    await writeAudit(tx, { actorUserId: actorId, action: 'session.markAttendance', targetType: 'Session', targetId: s.id, detail: { present: input.present } });
  });
  return { ok: true as const };
}
