import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import type { Db } from '../../db/create-db';
import type { SqlRunner } from '../../db/sql-runner';
import type { Prisma } from '../../generated/prisma/client';
import type { Actor, FamilyActor } from '../../auth/auth-user';
import { AppError } from '../../errors/app-error';
import { chinaYear } from '../../shared/china-time';
import { writeAudit } from '../audit/write-audit';
import { failureLockout } from '../rate-limit';
import { recordService, unrecordService } from './service-year';
import { reviseSignedYear } from '../reports/sign-off';
import { seatWalkIn, withSessionLock } from './registration';
import {
  checkInRegisteredGroup,
  insertPresent,
  markAbsent,
  claimShortCode,
  sessionForCheckIn as readSessionForCheckIn,
  sessionForShortCode,
  type CheckInSession,
  type RegisteredCheckIn,
} from './sessions.sql';
import { groupCommit, perRunner } from '../../db/group-commit';

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

/** A 6-digit code: the host of an online session shows it in the live stream; parents type it. */
export const SHORT_CODE = /^\d{6}$/;

/** After this many wrong 6-digit codes in an hour, a parent cannot try more until the hour is over. */
export const SHORT_CODE_FAILURES_PER_HOUR = 10;
const shortCodeLockout = failureLockout(
  'sessions.checkIn.short',
  SHORT_CODE_FAILURES_PER_HOUR,
  '签到码输错次数太多，请 1 小时后再试，或问一问活动主持人',
);

/** Draws a code no session in its window holds (a few draws at most while far fewer than a million are held). */
async function shortCodeFor(sql: SqlRunner, sessionId: string, now: number): Promise<string> {
  const closedBefore = new Date(now - CHECK_IN_GRACE_MS);
  for (let attempt = 0; attempt < 20; attempt++) {
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const held = await claimShortCode(sql, { sessionId, code, closedBefore });
    if (held) return held;
  }
  throw new AppError('CONFLICT', '暂时无法生成签到码，请稍后再试');
}

export async function checkInCode(opts: { db: Db; sql: SqlRunner; input: { sessionId: string }; now?: number }) {
  const { db, sql, now = Date.now() } = opts;
  const { sessionId } = opts.input;
  const s = await db.guidanceSession.findUnique({
    where: { id: sessionId },
    select: { checkInSecret: true, status: true, mode: true, endsAt: true, checkInShortCode: true },
  });
  if (!s) throw new AppError('NOT_FOUND', '活动不存在');
  if (s.status === 'CANCELLED') throw new AppError('CONFLICT', '该活动已取消');
  const window = Math.floor(now / CHECK_IN_WINDOW_MS);
  // Online sessions: one code for the whole attendance window, until 12 hours after the end.
  const open = s.mode === 'ONLINE' && s.endsAt.getTime() + CHECK_IN_GRACE_MS >= now;
  const shortCode = open ? (s.checkInShortCode ?? (await shortCodeFor(sql, sessionId, now))) : null;
  return {
    code: `${sessionId}.${window}.${signature(s.checkInSecret, sessionId, window)}`,
    // Valid through the next minute, so a code shown just before it rotates still works.
    expiresAt: new Date((window + 2) * CHECK_IN_WINDOW_MS).toISOString(),
    shortCode,
    shortCodeExpiresAt: shortCode ? new Date(s.endsAt.getTime() + CHECK_IN_GRACE_MS).toISOString() : null,
  };
}

function parseCode(code: string): { sessionId: string; window: number; sig: string } {
  const parts = code.split('.');
  if (parts.length !== 3 || !/^\d+$/.test(parts[1]))
    throw new AppError('BAD_REQUEST', '签到码不对，请重新扫描活动现场的二维码');
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

async function cached(
  key: string,
  now: number,
  read: () => Promise<CheckInSession | null>,
): Promise<CheckInSession | null> {
  const hit = sessionCache.get(key);
  if (hit && now - hit.at < CACHE_MS) return hit.value;
  const value = await read();
  if (sessionCache.size > 10_000) sessionCache.clear();
  sessionCache.set(key, { at: now, value });
  return value;
}

/**
 * Per server process, the check-ins of one session arriving at the same moment (a hall of parents scanning
 * the code on the screen) are written as one statement and one update of the session's row.
 */
const registeredCheckIns = perRunner((sql: SqlRunner) =>
  groupCommit<RegisteredCheckIn & { session: CheckInSession }, boolean | null>(
    (_sessionId, calls) =>
      checkInRegisteredGroup(sql, {
        session: calls[0].session,
        serviceYear: chinaYear(calls[0].session.startsAt),
        calls,
      }),
    { maxGroup: 500 },
  ),
);

/** The session of a QR code (signed, rotating every minute). */
async function sessionOfRotatingCode(sql: SqlRunner, code: string, now: number): Promise<CheckInSession> {
  const parsed = parseCode(code);
  const s = await cached(parsed.sessionId, now, () => readSessionForCheckIn(sql, parsed.sessionId));
  if (!s) throw new AppError('BAD_REQUEST', '签到码不对，请重新扫描活动现场的二维码');
  const current = Math.floor(now / CHECK_IN_WINDOW_MS);
  const expected = [current, current - 1].includes(parsed.window)
    ? signature(s.checkInSecret, s.id, parsed.window)
    : null;
  const a = Buffer.from(parsed.sig);
  if (!expected || a.length !== expected.length || !timingSafeEqual(a, Buffer.from(expected))) {
    throw new AppError('BAD_REQUEST', '签到码已过期或无效，请扫描现场最新的二维码');
  }
  return s;
}

/**
 * The online session of a 6-digit code. A million codes can be guessed: each wrong one counts towards the
 * caller's hourly lockout, and a code held by an offline session (none is ever given out) checks no one in.
 */
async function sessionOfShortCode(
  db: Db,
  sql: SqlRunner,
  userId: string,
  code: string,
  now: number,
): Promise<CheckInSession> {
  await shortCodeLockout.assertNotLockedOut(db, userId, new Date(now));
  const s = await cached(`short:${code}`, now, () => sessionForShortCode(sql, code));
  if (!s || s.mode !== 'ONLINE' || s.endsAt.getTime() + CHECK_IN_GRACE_MS < now) {
    await shortCodeLockout.recordFailure(db, userId, new Date(now));
    throw new AppError('BAD_REQUEST', '签到码不对，请再看一看直播中显示的 6 位签到码');
  }
  return s;
}

/** A parent scans the coordinator's QR code, or types an online session's 6-digit code. Idempotent: a family checking in twice counts once. */
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
  const s = SHORT_CODE.test(opts.input.code)
    ? await sessionOfShortCode(db, sql, actorId, opts.input.code, now)
    : await sessionOfRotatingCode(sql, opts.input.code, now);
  if (s.status !== 'PUBLISHED')
    throw new AppError('CONFLICT', s.status === 'CANCELLED' ? '该活动已取消' : '活动尚未发布');
  assertAttendanceWindow(s, now);

  const fast = await registeredCheckIns(sql)(s.id, { session: s, familyId, actorId });
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
  input: {
    sessionId: string;
    familyId: string;
    present: boolean;
    method?: 'ROLL_CALL' | 'PAPER';
    correctionReason?: string;
  };
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
    // A year signed off above the session's unit: a correction with its reason, kept as a revision.
    await reviseSignedYear(tx, {
      orgUnitId: s.orgUnitId,
      year: chinaYear(s.startsAt),
      actorId,
      reason: input.correctionReason,
      what: input.present ? '补记到场' : '取消到场记录',
      ids: { sessionId: s.id, familyId: family.id },
    });
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
