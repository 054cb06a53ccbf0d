import type { Db } from '../../db/create-db';
import type { Prisma } from '../../generated/prisma/client';
import type { SqlRunner } from '../../db/sql-runner';
import type { Actor, FamilyActor } from '../../auth/auth-user';
import { AppError } from '../../errors/app-error';
import { addHours } from '../../shared/china-time';
import { writeAudit } from '../audit/write-audit';
import { cancelQueued, enqueueForFamily } from '../notifications/enqueue';
import { thing, time } from '../notifications/templates';
import { familyMaySee } from './session-scope';
import {
  confirmRegistration,
  countPromotion,
  countSeat,
  firstWaitlisted,
  lockSession,
  registerFirstTimes,
  sessionForRegistration,
  upsertRegistration,
  type FirstRegistration,
  type LockedSession,
  type SeatStatus,
  type SessionForRegistration,
} from './sessions.sql';
import { groupCommit, perRunner } from '../../db/group-commit';

type Tx = Prisma.TransactionClient;

/**
 * Transactions that wait for a session's row lock: in a burst (a city registering the hour a session
 * opens) hundreds queue for the same row, so give them time to get a connection and the lock.
 */
export const LOCKED_TX = { maxWait: 20_000, timeout: 30_000 } as const;

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
export function withSessionLock<T>(
  db: Db,
  sessionId: string,
  fn: (tx: Tx, s: LockedSession) => Promise<T>,
): Promise<T> {
  return inSessionQueue(db, sessionId, () =>
    db.$transaction(async (tx) => fn(tx, await lockSession(tx, sessionId)), LOCKED_TX),
  );
}

function reminderNotice(s: Pick<LockedSession, 'title' | 'startsAt' | 'venue'>, sessionId: string) {
  return {
    templateKey: 'SESSION_REMINDER' as const,
    page: `packageParent/session/index?id=${sessionId}`,
    data: {
      thing1: thing(s.title),
      time2: time(s.startsAt),
      thing3: thing(s.venue ?? '线上'),
      thing4: thing('活动将于明天开始，请准时参加'),
    },
    // 24 hours before; for a session sooner than that, right away.
    dueAt: new Date(Math.max(Date.now(), addHours(s.startsAt, -24).getTime())),
    dedupePrefix: `reminder:${sessionId}`,
  };
}

async function scheduleReminder(tx: Tx, s: LockedSession, familyId: string) {
  await enqueueForFamily(tx, familyId, { ...reminderNotice(s, s.id), dedupePrefix: `reminder:${s.id}:${familyId}` });
}

/** Seats one more family if there is room: CONFIRMED, else WAITLISTED. Caller holds the session lock. */
async function seatOrQueue(tx: Tx, s: LockedSession): Promise<SeatStatus> {
  const status: SeatStatus = s.confirmedCount < s.capacity ? 'CONFIRMED' : 'WAITLISTED';
  await countSeat(tx, s.id, status, 1);
  if (status === 'CONFIRMED') s.confirmedCount += 1;
  return status;
}

export async function familyUnitPath(db: Db | Tx, familyId: string): Promise<string> {
  const f = await db.family.findUniqueOrThrow({
    where: { id: familyId },
    select: { orgUnit: { select: { path: true } } },
  });
  return f.orgUnit.path;
}

/**
 * Families' first registrations for a session, per server process (the `sql` runner is one per process):
 * those arriving while a group for the session is being written are decided together in the next
 * statement (group commit, `registerFirstTimes` in sessions.sql.ts), so the row lock is held, and the
 * commit paid, once per group. The statement checks everything the process knows of the session
 * (published, not ended, the same unit, title, time and venue, for the reminder's text) and each family's
 * county, so the process may keep its reading of a published session for a few seconds: a session that
 * changed meanwhile answers null, and those callers take the general path, which reads it afresh. The
 * same rules as `register` below; change both together (the parity tests in sessions-concurrency.test.ts
 * compare them).
 */
const READING_TTL_MS = 5_000;

const firstTimeGroups = perRunner((sql: SqlRunner) => {
  const readings = new Map<string, { s: SessionForRegistration; until: number }>();
  const reading = async (sessionId: string) => {
    const kept = readings.get(sessionId);
    if (kept && kept.until > Date.now()) return kept.s;
    const s = await sessionForRegistration(sql, sessionId);
    if (readings.size >= 1000) readings.clear();
    if (s?.status === 'PUBLISHED') readings.set(sessionId, { s, until: Date.now() + READING_TTL_MS });
    else readings.delete(sessionId);
    return s;
  };
  return groupCommit<FirstRegistration, SeatStatus | null>(async (sessionId, regs) => {
    const s = await reading(sessionId);
    if (!s || s.status !== 'PUBLISHED' || s.endsAt.getTime() <= Date.now()) return regs.map(() => null);
    const reminder = { ...reminderNotice(s, sessionId), dedupePrefix: `reminder:${sessionId}` };
    const answers = await registerFirstTimes(sql, { sessionId, seen: s, reminder }, regs);
    // Nothing written: the session may have changed (or every family was registered already).
    if (answers.every((a) => a === null)) readings.delete(sessionId);
    return answers;
  });
});

/** A family's first registration through its process's group for the session; null: take the general path. */
async function registerFirstTime(sql: SqlRunner, actor: FamilyActor, sessionId: string, attendees: number) {
  const status = await firstTimeGroups(sql)(sessionId, { familyId: actor.familyId, actorId: actor.id, attendees });
  return status ? { status } : null;
}

/**
 * One registration per family per session. Repeating it returns the existing status; a family that
 * cancelled earlier registers again at the back of the queue. With `sql` (the server's hot-path
 * runner), a family's first registration for a published session is one statement (above).
 */
export async function register(opts: {
  db: Db;
  sql?: SqlRunner | null;
  actor: FamilyActor;
  input: { sessionId: string; attendees?: number };
}): Promise<{ status: SeatStatus }> {
  const { db, sql, actor } = opts;
  const { sessionId, attendees = 1 } = opts.input;
  const { familyId } = actor;
  const actorId = actor.id;
  if (sql) {
    // Not queued in this process: the statement holds the row lock only while PostgreSQL runs it, so a
    // burst hands the lock from one waiting connection to the next inside the database.
    const first = await registerFirstTime(sql, actor, sessionId, attendees);
    if (first) return first;
  }
  const unitPath = await familyUnitPath(db, familyId);
  return registerUnderLock(db, {
    sessionId,
    familyId,
    attendees,
    actorId,
    audit: { action: 'session.register' },
    check: (s) => {
      if (s.status === 'DRAFT' || !familyMaySee(s.unitPath, unitPath)) throw new AppError('NOT_FOUND', '活动不存在');
    },
  });
}

/**
 * The general path, under the session's row lock: the family's existing status, or a seat in order, or the
 * waitlist; its reminder and the audit entry.
 */
async function registerUnderLock(
  db: Db,
  args: {
    sessionId: string;
    familyId: string;
    attendees: number;
    actorId: string;
    audit: { action: string; detail?: Record<string, unknown> };
    /** Throws when this caller may not register this family for the locked session. */
    check: (s: LockedSession) => void;
  },
): Promise<{ status: SeatStatus }> {
  const { sessionId, familyId, attendees, actorId } = args;
  return withSessionLock(db, sessionId, async (tx, s) => {
    args.check(s);
    const existing = await tx.registration.findUnique({
      where: { sessionId_familyId: { sessionId, familyId } },
      select: { id: true, status: true },
    });
    if (existing && existing.status !== 'CANCELLED') return { status: existing.status };
    if (s.status === 'CANCELLED') throw new AppError('CONFLICT', '该活动已取消');
    if (s.endsAt.getTime() <= Date.now()) throw new AppError('CONFLICT', '该活动已结束，不能再报名');
    const status = await seatOrQueue(tx, s);
    await upsertRegistration(tx, { sessionId, familyId, status, attendees, actorId });
    if (status === 'CONFIRMED') await scheduleReminder(tx, s, familyId);
    await writeAudit(tx, {
      actorUserId: actorId,
      action: args.audit.action,
      targetType: 'Session',
      targetId: sessionId,
      detail: { status, ...args.audit.detail },
    });
    return { status };
  });
}

/**
 * 代办: a coordinator of the session's unit registers a household on its behalf (a grandmother at the school
 * gate without a smartphone), with the same capacity and waitlist rules. Only a household of the session's
 * own unit (or with a child at its school); audited as done by the coordinator for that family, and the
 * household's 我的活动 shows who did it.
 */
export async function registerFamily(opts: {
  db: Db;
  actor: Actor;
  input: { sessionId: string; familyId: string };
}): Promise<{ status: SeatStatus }> {
  const { db, actor, input } = opts;
  const family = await db.family.findUnique({
    where: { id: input.familyId },
    select: { id: true, orgUnit: { select: { path: true } }, children: { select: { schoolId: true } } },
  });
  if (!family) throw new AppError('NOT_FOUND', '家庭不存在');
  return registerUnderLock(db, {
    sessionId: input.sessionId,
    familyId: family.id,
    attendees: 1,
    actorId: actor.id,
    audit: { action: 'session.registerFamily', detail: { familyId: family.id, onBehalf: true } },
    check: (s) => {
      if (s.status === 'DRAFT') throw new AppError('CONFLICT', '活动尚未发布，发布后才能代为报名');
      const ofTheUnit =
        family.orgUnit.path.startsWith(s.unitPath) ||
        family.children.some((c) => s.unitPath.endsWith(`/${c.schoolId}/`));
      if (!ofTheUnit) throw new AppError('FORBIDDEN', '该家庭不在本活动的服务范围内');
    },
  });
}

/** Promotes the first waitlisted family into a freed seat, in the caller's transaction, and tells it. */
async function promoteFirst(tx: Tx, s: LockedSession): Promise<string | null> {
  if (s.confirmedCount >= s.capacity) return null;
  const next = await firstWaitlisted(tx, s.id);
  if (!next) return null;
  await confirmRegistration(tx, next.id);
  await countPromotion(tx, s.id);
  s.confirmedCount += 1;
  await enqueueForFamily(tx, next.familyId, {
    templateKey: 'SESSION_CHANGE',
    page: `packageParent/session/index?id=${s.id}`,
    data: {
      thing1: thing(s.title),
      time2: time(s.startsAt),
      phrase3: { value: '候补成功' },
      thing4: thing('已为您保留名额，请准时参加'),
    },
    dueAt: new Date(),
    dedupePrefix: `promoted:${s.id}:${next.familyId}:${Date.now()}`,
  });
  await scheduleReminder(tx, s, next.familyId);
  return next.familyId;
}

/** Cancels the family's registration; the first waitlisted family takes the seat in the same transaction. */
export async function cancelRegistration(opts: { db: Db; actor: FamilyActor; input: { sessionId: string } }) {
  const { db, actor } = opts;
  const { sessionId } = opts.input;
  const { familyId } = actor;
  return withSessionLock(db, sessionId, async (tx, s) => {
    const reg = await tx.registration.findUnique({
      where: { sessionId_familyId: { sessionId, familyId } },
      select: { id: true, status: true },
    });
    if (!reg) throw new AppError('NOT_FOUND', '您没有报名该活动');
    if (reg.status === 'CANCELLED') return { status: 'CANCELLED' as const };
    await tx.registration.update({ where: { id: reg.id }, data: { status: 'CANCELLED' }, select: { id: true } });
    await countSeat(tx, sessionId, reg.status, -1);
    if (reg.status === 'CONFIRMED') {
      s.confirmedCount -= 1;
      if (s.status === 'PUBLISHED') await promoteFirst(tx, s);
    }
    await cancelQueued(tx, `reminder:${sessionId}:${familyId}`);
    await writeAudit(tx, {
      actorUserId: actor.id,
      action: 'session.cancelRegistration',
      targetType: 'Session',
      targetId: sessionId,
    });
    return { status: 'CANCELLED' as const };
  });
}

/**
 * A household that is going away (its last guardian deleted the account) gives back its places in sessions
 * still to come, in the caller's transaction: each session locked in turn (in id order, so two of these cannot
 * deadlock), the registration cancelled and the first waitlisted family promoted, as on cancelling.
 */
export async function releaseFamilySeats(tx: Tx, familyId: string, now: Date): Promise<number> {
  const held = await tx.$queryRaw<{ id: string; sessionId: string; status: SeatStatus }[]>`
    SELECT r.id, r."sessionId", r.status::text AS status
      FROM "Registration" r JOIN "Session" s ON s.id = r."sessionId"
     WHERE r."familyId" = ${familyId} AND r.status IN ('CONFIRMED', 'WAITLISTED') AND s."endsAt" > ${now}
     ORDER BY r."sessionId"`;
  for (const reg of held) {
    const s = await lockSession(tx, reg.sessionId);
    await tx.registration.update({ where: { id: reg.id }, data: { status: 'CANCELLED' }, select: { id: true } });
    await countSeat(tx, reg.sessionId, reg.status, -1);
    if (reg.status === 'CONFIRMED') {
      s.confirmedCount -= 1;
      if (s.status === 'PUBLISHED') await promoteFirst(tx, s);
    }
    await cancelQueued(tx, `reminder:${reg.sessionId}:${familyId}`);
  }
  return held.length;
}

/** After capacity grows: fill the new seats from the waitlist, in order. Caller holds the lock. */
export async function promoteWhileSeats(tx: Tx, s: LockedSession): Promise<number> {
  let promoted = 0;
  while (s.confirmedCount < s.capacity && (await promoteFirst(tx, s))) promoted += 1;
  return promoted;
}

/** A walk-in at check-in: takes a seat if one is free (used by check-in for unregistered families). */
export async function seatWalkIn(tx: Tx, s: LockedSession, familyId: string, actor: Actor): Promise<void> {
  const existing = await tx.registration.findUnique({
    where: { sessionId_familyId: { sessionId: s.id, familyId } },
    select: { id: true, status: true },
  });
  if (existing?.status === 'CONFIRMED') return;
  if (s.confirmedCount >= s.capacity) throw new AppError('CONFLICT', '本场活动名额已满，无法签到');
  await countSeat(tx, s.id, 'CONFIRMED', 1);
  s.confirmedCount += 1;
  if (existing) {
    if (existing.status === 'WAITLISTED') await countSeat(tx, s.id, 'WAITLISTED', -1);
    await tx.registration.update({ where: { id: existing.id }, data: { status: 'CONFIRMED' }, select: { id: true } });
  } else {
    await tx.registration.create({
      data: { sessionId: s.id, familyId, status: 'CONFIRMED', registeredById: actor.id },
      select: { id: true },
    });
  }
}
