import type { Db } from '../../db/create-db';
import type { Actor } from '../../auth/auth-user';
import { AppError } from '../../errors/app-error';
import { addHours } from '../../shared/china-time';
import { writeAudit } from '../audit/write-audit';
import { createHash } from 'node:crypto';
import type { Prisma } from '../../generated/prisma/client';
import { cancelQueued, enqueueForFamiliesWithQuota, enqueueForFamily } from '../notifications/enqueue';
import { thing, time } from '../notifications/templates';
import { mentalHealthFlag } from './create-session';
import { promoteWhileSeats, withSessionLock } from './registration';

export interface SessionPatch {
  title?: string;
  description?: string;
  speaker?: string;
  stages?: string[];
  grades?: string[];
  mode?: 'OFFLINE' | 'ONLINE';
  venue?: string;
  liveUrl?: string;
  capacity?: number;
  mentalHealth?: boolean;
  startsAt?: Date;
  endsAt?: Date;
  lessonIds?: string[];
}

/** Edits a session. Capacity may not drop below the families already confirmed; more seats promote the waitlist. */
export async function updateSession(opts: { db: Db; actor: Actor; input: SessionPatch & { sessionId: string } }) {
  const { db } = opts;
  const { sessionId, ...patch } = opts.input;
  const actorId = opts.actor.id;
  return withSessionLock(db, sessionId, async (tx, s) => {
    if (s.status === 'CANCELLED') throw new AppError('CONFLICT', '已取消的活动不能修改');
    const startsAt = patch.startsAt ?? s.startsAt;
    const endsAt = patch.endsAt ?? s.endsAt;
    if (endsAt <= startsAt) throw new AppError('BAD_REQUEST', '结束时间须晚于开始时间');
    const before = await tx.guidanceSession.findUniqueOrThrow({
      where: { id: sessionId },
      select: { mode: true, venue: true },
    });
    const mode = patch.mode ?? before.mode;
    const venue = patch.venue ?? before.venue;
    const moved =
      startsAt.getTime() !== s.startsAt.getTime() ||
      endsAt.getTime() !== s.endsAt.getTime() ||
      mode !== before.mode ||
      venue !== before.venue;
    if (patch.capacity !== undefined && patch.capacity < s.confirmedCount) {
      throw new AppError('CONFLICT', `已有 ${s.confirmedCount} 个家庭报名成功，名额不能少于此数`);
    }
    await tx.guidanceSession.update({
      where: { id: sessionId },
      data: {
        title: patch.title,
        description: patch.description,
        speaker: patch.speaker,
        stages: patch.stages,
        grades: patch.grades,
        mode: patch.mode,
        venue: patch.venue,
        liveUrl: patch.liveUrl,
        capacity: patch.capacity,
        mentalHealth: patch.mentalHealth === undefined ? undefined : mentalHealthFlag(s.kind, patch.mentalHealth),
        startsAt: patch.startsAt,
        endsAt: patch.endsAt,
      },
      select: { id: true },
    });
    if (patch.lessonIds) {
      await tx.sessionLesson.deleteMany({ where: { sessionId } });
      if (patch.lessonIds.length)
        await tx.sessionLesson.createMany({
          data: [...new Set(patch.lessonIds)].map((lessonId) => ({ sessionId, lessonId })),
        });
    }
    if (patch.startsAt) {
      // Pending reminders follow the new time.
      await tx.notification.updateMany({
        where: { dedupeKey: { startsWith: `reminder:${sessionId}:` }, status: 'PENDING' },
        data: { dueAt: new Date(Math.max(Date.now(), addHours(patch.startsAt, -24).getTime())) },
      });
    }
    let promoted = 0;
    if (patch.capacity !== undefined && s.status === 'PUBLISHED') {
      s.capacity = patch.capacity;
      promoted = await promoteWhileSeats(tx, s);
    }
    // 时间或地点变了: the registered families hear of it (each change once; without quota, recorded as skipped).
    const notified =
      moved && s.status === 'PUBLISHED'
        ? await notifyRegistered(tx, sessionId, {
            title: patch.title ?? s.title,
            startsAt,
            what: '时间地点变更',
            note: mode === 'ONLINE' ? '改为线上活动，请查看详情' : `地点：${venue ?? '请查看详情'}`,
            key: `changed:${sessionId}:${digest(`${startsAt.toISOString()}|${endsAt.toISOString()}|${mode}|${venue}`)}`,
          })
        : { queued: 0, skipped: 0 };
    await writeAudit(tx, {
      actorUserId: actorId,
      action: 'session.update',
      targetType: 'Session',
      targetId: sessionId,
      detail: { promoted, ...(moved ? { notified: notified.queued, skipped: notified.skipped } : {}) },
    });
    return { ok: true as const, promoted };
  });
}

export async function publishSession(opts: { db: Db; actor: Actor; input: { sessionId: string } }) {
  const { db } = opts;
  const { sessionId } = opts.input;
  const actorId = opts.actor.id;
  return withSessionLock(db, sessionId, async (tx, s) => {
    if (s.status === 'CANCELLED') throw new AppError('CONFLICT', '已取消的活动不能发布');
    if (s.status === 'PUBLISHED') return { ok: true as const, notified: 0, skipped: 0 };
    const row = await tx.guidanceSession.update({
      where: { id: sessionId },
      data: { status: 'PUBLISHED' },
      select: { orgUnitId: true, grades: true, mode: true, venue: true },
    });
    // The unit's parents who use the platform hear of the new session (those who accepted the message).
    const families = await tx.family.findMany({
      where: familiesOfUnit(row.orgUnitId, row.grades),
      select: { id: true },
    });
    const { queued, skipped } = await enqueueForFamiliesWithQuota(
      tx,
      families.map((f) => f.id),
      {
        templateKey: 'SESSION_CHANGE',
        page: `packageParent/session/index?id=${sessionId}`,
        data: {
          thing1: thing(s.title),
          time2: time(s.startsAt),
          phrase3: { value: '可以报名' },
          thing4: thing(row.mode === 'ONLINE' ? '线上活动，欢迎报名' : `地点：${row.venue ?? '请查看详情'}`),
        },
        dueAt: new Date(),
        dedupePrefix: `published:${sessionId}`,
      },
    );
    await writeAudit(tx, {
      actorUserId: actorId,
      action: 'session.publish',
      targetType: 'Session',
      targetId: sessionId,
      detail: { notified: queued, skipped },
    });
    return { ok: true as const, notified: queued, skipped };
  });
}

/** Cancels a session and tells every registered family (confirmed or waitlisted). */
export async function cancelSession(opts: { db: Db; actor: Actor; input: { sessionId: string; reason?: string } }) {
  const { db } = opts;
  const { sessionId, reason } = opts.input;
  const actorId = opts.actor.id;
  return withSessionLock(db, sessionId, async (tx, s) => {
    if (s.status === 'CANCELLED') return { ok: true as const, notifiedFamilies: 0 };
    await tx.guidanceSession.update({
      where: { id: sessionId },
      data: { status: 'CANCELLED', cancelledAt: new Date(), cancelReason: reason ?? null },
      select: { id: true },
    });
    await cancelQueued(tx, `reminder:${sessionId}:`);
    const regs = await tx.registration.findMany({
      where: { sessionId, status: { in: ['CONFIRMED', 'WAITLISTED'] } },
      select: { familyId: true },
    });
    for (const r of regs) {
      await enqueueForFamilyWithQuota(tx, r.familyId, {
        templateKey: 'SESSION_CHANGE',
        page: `packageParent/session/index?id=${sessionId}`,
        data: {
          thing1: thing(s.title),
          time2: time(s.startsAt),
          phrase3: { value: '活动取消' },
          thing4: thing(reason ?? '主办方已取消本场活动'),
        },
        dueAt: new Date(),
        dedupePrefix: `cancelled:${sessionId}:${r.familyId}`,
      });
    }
    await writeAudit(tx, {
      actorUserId: actorId,
      action: 'session.cancel',
      targetType: 'Session',
      targetId: sessionId,
      detail: { families: regs.length },
    });
    return { ok: true as const, notifiedFamilies: regs.length };
  });
}

type Tx = Prisma.TransactionClient;

const digest = (text: string) => createHash('sha256').update(text).digest('base64url').slice(0, 12);

/** The cancellation notice, per family (its dedupe key keeps the family), quota-aware. */
async function enqueueForFamilyWithQuota(tx: Tx, familyId: string, notice: Parameters<typeof enqueueForFamily>[2]) {
  await enqueueForFamiliesWithQuota(tx, [familyId], notice);
}

/** Households of a school or site: joined there, or with a child at the school (in the grades, when given). */
function familiesOfUnit(orgUnitId: string, grades: string[]): Prisma.FamilyWhereInput {
  const child: Prisma.ChildWhereInput = {
    schoolId: orgUnitId,
    leftAt: null,
    ...(grades.length ? { grade: { in: grades } } : {}),
  };
  return grades.length ? { children: { some: child } } : { OR: [{ orgUnitId }, { children: { some: child } }] };
}

/** Tells the families registered for a session (confirmed or waitlisted) of a change, quota-aware. */
async function notifyRegistered(
  tx: Tx,
  sessionId: string,
  n: { title: string; startsAt: Date; what: string; note: string; key: string },
) {
  const regs = await tx.registration.findMany({
    where: { sessionId, status: { in: ['CONFIRMED', 'WAITLISTED'] } },
    select: { familyId: true },
  });
  return enqueueForFamiliesWithQuota(
    tx,
    regs.map((r) => r.familyId),
    {
      templateKey: 'SESSION_CHANGE',
      page: `packageParent/session/index?id=${sessionId}`,
      data: { thing1: thing(n.title), time2: time(n.startsAt), phrase3: { value: n.what }, thing4: thing(n.note) },
      dueAt: new Date(),
      dedupePrefix: n.key,
    },
  );
}
