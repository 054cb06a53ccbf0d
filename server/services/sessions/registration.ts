import type { Db } from '../../db/create-db';
import type { Prisma } from '../../generated/prisma/client';
import { AppError } from '../../errors/app-error';
import { SESSION_KIND_LABELS } from '../../shared/sessions';
import { writeAudit } from '../audit/write-audit';
import { cancelQueued, enqueueForFamily } from '../notifications/enqueue';
import { thing, time } from '../notifications/templates';
import { familyMaySee } from './session-scope';

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
 * One registration per family per session. Repeating it returns the existing status; a family that
 * cancelled earlier registers again at the back of the queue.
 */
export async function register(db: Db, actorId: string, familyId: string, sessionId: string, attendees = 1) {
  const unitPath = await familyUnitPath(db, familyId);
  return db.$transaction(async (tx) => {
    const s = await lockSession(tx, sessionId);
    if (s.status === 'DRAFT' || !familyMaySee(s.unitPath, unitPath)) throw new AppError('NOT_FOUND', '活动不存在');
    const existing = await tx.registration.findUnique({ where: { sessionId_familyId: { sessionId, familyId } }, select: { id: true, status: true } });
    if (existing && existing.status !== 'CANCELLED') return { status: existing.status as 'CONFIRMED' | 'WAITLISTED' };
    if (s.status === 'CANCELLED') throw new AppError('CONFLICT', '该活动已取消');
    if (s.endsAt.getTime() <= Date.now()) throw new AppError('CONFLICT', '该活动已结束，不能再报名');
    const status = await seatOrQueue(tx, s);
    if (existing) {
      await tx.registration.update({ where: { id: existing.id }, data: { status, attendees, registeredById: actorId, queuedAt: new Date() }, select: { id: true } });
    } else {
      await tx.registration.create({ data: { sessionId, familyId, status, attendees, registeredById: actorId }, select: { id: true } });
    }
    if (status === 'CONFIRMED') await scheduleReminder(tx, s, familyId);
    await writeAudit(tx, { actorUserId: actorId, action: 'session.register', targetType: 'Session', targetId: sessionId, detail: { status } });
    return { status };
  }, LOCKED_TX);
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
  return db.$transaction(async (tx) => {
    const s = await lockSession(tx, sessionId);
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
  }, LOCKED_TX);
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
