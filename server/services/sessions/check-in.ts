import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Db } from '../../db/create-db';
import type { SqlRunner } from '../../db/sql-runner';
import type { Prisma } from '../../generated/prisma/client';
import type { Actor, FamilyActor } from '../../auth/auth-user';
import { AppError } from '../../errors/app-error';
import { chinaYear } from '../../shared/china-time';
import { writeAudit } from '../audit/write-audit';
import { recordService, unrecordService } from './service-year';
import { seatWalkIn, withSessionLock } from './registration';
import {
  checkInRegistered,
  insertPresent,
  markAbsent,
  sessionForCheckIn as readSessionForCheckIn,
  type CheckInSession,
} from './sessions.sql';

type Tx = Prisma.TransactionClient;

/** The code rotates every minute; the current and the previous minute's codes are accepted. */
export const CHECK_IN_WINDOW_MS = 60_000;
/** After this long past the end, check-in closes (the coordinator can still enter a paper sheet). */
const CHECK_IN_GRACE_MS = 12 * 60 * 60_000;
/** Check-in opens this long before the start: a code forwarded days ahead checks no one in. */
export const CHECK_IN_OPENS_MS = 60 * 60_000;

/**
 * Only what happened counts: attendance (a check-in, a roll call, a sign-in sheet) is taken from an hour before
 * the start until 12 hours after the end.
 */
export function assertAttendanceWindow(s: { startsAt: Date; endsAt: Date }, now: number): void {
  if (s.endsAt.getTime() + CHECK_IN_GRACE_MS < now)
    throw new AppError('CONFLICT', '本场活动签到已结束（活动结束 12 小时后不能再登记到场）');
  if (s.startsAt.getTime() - CHECK_IN_OPENS_MS > now)
    throw new AppError('CONFLICT', '签到还没有开始：活动开始前 1 小时起可以签到');
}

function signature(secret: string, sessionId: string, window: number): string {
  return createHmac('sha256', secret).update(`${sessionId}.${window}`).digest('base64url').slice(0, 22);
}

export async function checkInCode(opts: { db: Db; input: { sessionId: string }; now?: number }) {
  const { db, now = Date.now() } = opts;
  const { sessionId } = opts.input;
  const s = await db.guidanceSession.findUnique({
    where: { id: sessionId },
    select: { checkInSecret: true, status: true },
  });
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
  if (parts.length !== 3 || !/^\d+$/.test(parts[1]))
    throw new AppError('BAD_REQUEST', '签到码无效，请重新扫描现场二维码');
  return { sessionId: parts[0], window: Number(parts[1]), sig: parts[2] };
}

/**
 * Records attendance idempotently; returns whether this call made the family present.
 * A first attendance at a mental-health session counts a guidance service for the family's year.
 */
export async function markPresent(
  tx: Tx,
  args: {
    sessionId: string;
    familyId: string;
    method: 'QR' | 'ROLL_CALL' | 'PAPER';
    actorId: string;
    startsAt: Date;
    mentalHealth: boolean;
  },
) {
  const firstTime = await insertPresent(tx, args);
  if (firstTime && args.mentalHealth) await recordService(tx, args.familyId, args.startsAt);
  return firstTime;
}

/**
 * A burst of check-ins reads the same session row thousands of times a minute: keep it for a few
 * seconds per process. (A cancellation is seen within CACHE_MS; the code itself rotates every minute.)
 */
const CACHE_MS = 5_000;
const sessionCache = new Map<string, { at: number; value: CheckInSession | null }>();

async function sessionForCheckIn(sql: SqlRunner, id: string, now: number): Promise<CheckInSession | null> {
  const hit = sessionCache.get(id);
  if (hit && now - hit.at < CACHE_MS) return hit.value;
  const value = await readSessionForCheckIn(sql, id);
  if (sessionCache.size > 10_000) sessionCache.clear();
  sessionCache.set(id, { at: now, value });
  return value;
}

/** A parent scans the coordinator's QR code. Idempotent: a family checking in twice counts once. */
export async function checkIn(opts: {
  db: Db;
  sql: SqlRunner;
  actor: FamilyActor;
  input: { code: string };
  now?: number;
}) {
  const { db, sql, actor, now = Date.now() } = opts;
  const { familyId } = actor;
  const actorId = actor.id;
  const parsed = parseCode(opts.input.code);
  const s = await sessionForCheckIn(sql, parsed.sessionId, now);
  if (!s) throw new AppError('BAD_REQUEST', '签到码无效，请重新扫描现场二维码');
  const current = Math.floor(now / CHECK_IN_WINDOW_MS);
  const expected = [current, current - 1].includes(parsed.window)
    ? signature(s.checkInSecret, s.id, parsed.window)
    : null;
  const a = Buffer.from(parsed.sig);
  if (!expected || a.length !== expected.length || !timingSafeEqual(a, Buffer.from(expected))) {
    throw new AppError('BAD_REQUEST', '签到码已过期或无效，请扫描现场最新的二维码');
  }
  if (s.status !== 'PUBLISHED')
    throw new AppError('CONFLICT', s.status === 'CANCELLED' ? '该活动已取消' : '活动尚未发布');
  assertAttendanceWindow(s, now);

  const fast = await checkInRegistered(sql, { session: s, familyId, actorId, serviceYear: chinaYear(s.startsAt) });
  if (fast !== null) return { sessionId: s.id, firstTime: fast };
  // Not registered (or waitlisted): a walk-in takes a seat while capacity allows, under the session lock.
  return withSessionLock(db, s.id, async (tx, locked) => {
    await seatWalkIn(tx, locked, familyId, actor);
    const firstTime = await markPresent(tx, {
      sessionId: s.id,
      familyId,
      method: 'QR',
      actorId,
      startsAt: s.startsAt,
      mentalHealth: s.mentalHealth,
    });
    return { sessionId: s.id, firstTime };
  });
}

/**
 * The coordinator's roll call, also for entering a paper sign-in sheet after the event. Only families
 * registered for the session, or of the session's own school or site, can be marked: a coordinator
 * cannot count the county's other families as served.
 */
export async function markAttendance(opts: {
  db: Db;
  actor: Actor;
  input: { sessionId: string; familyId: string; present: boolean; method?: 'ROLL_CALL' | 'PAPER' };
  now?: number;
}) {
  const { db, input, now = Date.now() } = opts;
  const actorId = opts.actor.id;
  const s = await db.guidanceSession.findUnique({
    where: { id: input.sessionId },
    select: { id: true, orgUnitId: true, status: true, startsAt: true, endsAt: true, mentalHealth: true },
  });
  if (!s) throw new AppError('NOT_FOUND', '活动不存在');
  if (s.status === 'CANCELLED') throw new AppError('CONFLICT', '该活动已取消');
  if (input.present) assertAttendanceWindow(s, now);
  const family = await db.family.findUnique({
    where: { id: input.familyId },
    select: {
      id: true,
      orgUnitId: true,
      children: { where: { schoolId: s.orgUnitId }, select: { id: true }, take: 1 },
    },
  });
  if (!family) throw new AppError('NOT_FOUND', '家庭不存在');
  const registered = await db.registration.findUnique({
    where: { sessionId_familyId: { sessionId: s.id, familyId: family.id } },
    select: { id: true },
  });
  const ofTheUnit = family.orgUnitId === s.orgUnitId || family.children.length > 0;
  if (!registered && !ofTheUnit) throw new AppError('FORBIDDEN', '该家庭不在本活动的服务范围内');
  await db.$transaction(async (tx) => {
    if (input.present) {
      await markPresent(tx, {
        sessionId: s.id,
        familyId: family.id,
        method: input.method ?? 'ROLL_CALL',
        actorId,
        startsAt: s.startsAt,
        mentalHealth: s.mentalHealth,
      });
    } else {
      const wasPresent = await markAbsent(tx, { sessionId: s.id, familyId: family.id, actorId });
      if (wasPresent && s.mentalHealth) await unrecordService(tx, family.id, s.startsAt);
    }
    await writeAudit(tx, {
      actorUserId: actorId,
      action: 'session.markAttendance',
      targetType: 'Session',
      targetId: s.id,
      detail: { present: input.present },
    });
  });
  return { ok: true as const };
}
