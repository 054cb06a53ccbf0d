import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/create-db';
import type { FieldCipher } from '../../crypto/field-cipher';
import { storeMobile } from '../families/contacts';
import { ctxOf } from './records';
import type { Prisma } from '../../generated/prisma/client';
import type { Actor, FamilyActor } from '../../auth/auth-user';
import { AppError } from '../../errors/app-error';
import { addHours } from '../../shared/china-time';
import { VISIT_MODE_LABELS, VISIT_RELEASED_STATUSES } from '../../shared/visits';
import { writeAudit } from '../audit/write-audit';
import { cancelQueued, enqueueForFamily } from '../notifications/enqueue';
import { thing, time } from '../notifications/templates';
import { assertFamilyAtSchool } from './windows';
import { isUniqueViolation } from '../../db/database-errors';

type Tx = Prisma.TransactionClient;

/** A reminder to the family 24 hours before the visit (right away if it is sooner). Quota-aware at send time. */
async function scheduleVisitReminder(
  tx: Tx,
  visitId: string,
  familyId: string,
  slot: { startsAt: Date; mode: 'HOME' | 'PHONE' | 'VIDEO' },
) {
  await enqueueForFamily(tx, familyId, {
    templateKey: 'VISIT_NOTICE',
    page: 'packageVisits/parent/index',
    data: { thing1: thing(VISIT_MODE_LABELS[slot.mode]), time2: time(slot.startsAt), phrase3: { value: '明天家访' } },
    dueAt: new Date(Math.max(Date.now(), addHours(slot.startsAt, -24).getTime())),
    dedupePrefix: `visit-reminder:${visitId}`,
  });
}

async function lockSlot(tx: Tx, slotId: string) {
  const rows = await tx.$queryRaw<
    {
      id: string;
      windowId: string;
      teacherId: string;
      startsAt: Date;
      mode: 'HOME' | 'PHONE' | 'VIDEO';
      orgUnitId: string;
    }[]
  >`
    SELECT s.id, s."windowId", s."teacherId", s."startsAt", s.mode::text AS mode, w."orgUnitId"
      FROM "VisitSlot" s JOIN "VisitWindow" w ON w.id = s."windowId"
     WHERE s.id = ${slotId}
       FOR UPDATE OF s`;
  if (!rows[0]) throw new AppError('NOT_FOUND', '家访时段不存在');
  return rows[0];
}

/**
 * A parent books a slot for their own family. A number given with it becomes the guardian's contact mobile; an
 * address is taken for a home visit only and encrypted on the visit (bound to its row).
 */
export function bookSlot(opts: {
  db: Db;
  cipher: FieldCipher;
  actor: FamilyActor;
  input: { slotId: string; mobile?: string; address?: string };
}) {
  const { cipher, input } = opts;
  return bookForFamily(
    opts.db,
    opts.actor,
    { slotId: input.slotId, familyId: opts.actor.familyId },
    { contact: { cipher, mobile: input.mobile, address: input.address } },
  );
}

/** A teacher, after a phone call, books one of their own slots on a family's behalf. */
export function bookSlotForFamily(opts: { db: Db; actor: Actor; input: { slotId: string; familyId: string } }) {
  return bookForFamily(opts.db, opts.actor, opts.input, { byTeacher: true });
}

/**
 * Books a slot for a family. One family per slot (the slot row is locked; a partial unique index
 * backs it up) and one live visit per family per window.
 */
async function bookForFamily(
  db: Db,
  actor: Actor,
  target: { slotId: string; familyId: string },
  opts: { byTeacher?: boolean; contact?: { cipher: FieldCipher; mobile?: string; address?: string } } = {},
) {
  const { slotId, familyId } = target;
  const actorId = actor.id;
  try {
    return await db.$transaction(async (tx) => {
      const slot = await lockSlot(tx, slotId);
      await assertFamilyAtSchool(tx, familyId, slot.orgUnitId);
      if (opts.byTeacher && slot.teacherId !== actorId) throw new AppError('FORBIDDEN', '只能在自己的时段上代为预约');
      if (!opts.byTeacher) {
        // A family assigned to a teacher books that teacher's slots (as a reschedule must).
        const assigned = await tx.visitAssignment.findUnique({
          where: { windowId_familyId: { windowId: slot.windowId, familyId } },
          select: { teacherId: true },
        });
        if (assigned && assigned.teacherId !== slot.teacherId) {
          throw new AppError('BAD_REQUEST', '请选择负责您家家访的老师的时段');
        }
      }
      if (slot.startsAt.getTime() <= Date.now()) throw new AppError('CONFLICT', '该时段已过');
      const taken = await tx.visit.findFirst({ where: { slotId, status: { not: 'CANCELLED' } }, select: { id: true } });
      if (taken) throw new AppError('CONFLICT', '该时段已被其他家庭预约，请选择其他时段');
      const mine = await tx.visit.findFirst({
        // A visit the family asked to reschedule no longer holds its place in the window.
        where: { windowId: slot.windowId, familyId, status: { notIn: [...VISIT_RELEASED_STATUSES] } },
        select: { id: true },
      });
      if (mine) throw new AppError('CONFLICT', '这次家访您已经约好了一个时间；想换时间请点“改时间”');
      const contact = opts.contact;
      if (contact?.address && slot.mode !== 'HOME')
        throw new AppError('BAD_REQUEST', '只有入户家访需要填写家庭住址；电话、视频家访请不要填写住址');
      const visitId = randomUUID();
      const visit = await tx.visit.create({
        data: {
          id: visitId,
          addressEnc: contact?.address ? contact.cipher.encrypt(contact.address, ctxOf(visitId, 'address')) : null,
          windowId: slot.windowId,
          slotId,
          familyId,
          teacherId: slot.teacherId,
          mode: slot.mode,
          bookedById: actorId,
        },
        select: { id: true },
      });
      if (contact?.mobile) await storeMobile(tx, contact.cipher, actor, contact.mobile, 'typed');
      await enqueueForFamily(tx, familyId, {
        templateKey: 'VISIT_NOTICE',
        page: 'packageVisits/parent/index',
        data: { thing1: thing(VISIT_MODE_LABELS[slot.mode]), time2: time(slot.startsAt), phrase3: { value: '已预约' } },
        dueAt: new Date(),
        dedupePrefix: `visit-booked:${visit.id}`,
      });
      await scheduleVisitReminder(tx, visit.id, familyId, slot);
      await writeAudit(tx, {
        actorUserId: actorId,
        action: opts.byTeacher ? 'visit.bookForFamily' : 'visit.book',
        targetType: 'Visit',
        targetId: visit.id,
        orgUnitId: slot.orgUnitId,
        detail: contact?.address ? { address: true } : undefined,
      });
      return { visitId: visit.id };
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('CONFLICT', '该时段已被其他家庭预约，或本次家访您已预约');
    throw err;
  }
}

/** A parent cancels their family's visit. */
export function cancelVisit(opts: { db: Db; actor: FamilyActor; input: { visitId: string } }) {
  return cancelOne(opts.db, opts.actor, opts.input.visitId, { familyId: opts.actor.familyId });
}

/** The visiting teacher cancels a visit of theirs (the family is told). */
export function cancelVisitByTeacher(opts: { db: Db; actor: Actor; input: { visitId: string } }) {
  return cancelOne(opts.db, opts.actor, opts.input.visitId, { teacherId: opts.actor.id });
}

async function cancelOne(db: Db, actor: Actor, visitId: string, who: { familyId?: string; teacherId?: string }) {
  const actorId = actor.id;
  const v = await db.visit.findUnique({
    where: { id: visitId },
    select: { familyId: true, teacherId: true, status: true, slot: { select: { startsAt: true, mode: true } } },
  });
  const mine = v && (!who.familyId || v.familyId === who.familyId) && (!who.teacherId || v.teacherId === who.teacherId);
  if (!v || !mine) throw new AppError('NOT_FOUND', '家访预约不存在');
  if (v.status === 'COMPLETED') throw new AppError('CONFLICT', '已完成的家访不能取消');
  // Its outcome is recorded (未遇到家庭, 家长要求改期): there is nothing left to cancel.
  if (v.status === 'NO_SHOW' || v.status === 'RESCHEDULED_BY_FAMILY')
    throw new AppError('CONFLICT', '这次家访已经结束并登记了结果，不能再取消；如需重新预约，请选择新的时间');
  if (v.status === 'CANCELLED') return { ok: true as const };
  await db.$transaction(async (tx) => {
    await tx.visit.update({
      where: { id: visitId },
      data: { status: 'CANCELLED', cancelledAt: new Date() },
      select: { id: true },
    });
    await cancelQueued(tx, `visit-reminder:${visitId}`);
    await enqueueForFamily(tx, v.familyId, {
      templateKey: 'VISIT_NOTICE',
      page: 'packageVisits/parent/index',
      data: {
        thing1: thing(VISIT_MODE_LABELS[v.slot.mode]),
        time2: time(v.slot.startsAt),
        phrase3: { value: '已取消' },
      },
      dueAt: new Date(),
      dedupePrefix: `visit-cancelled:${visitId}`,
    });
    await writeAudit(tx, { actorUserId: actorId, action: 'visit.cancel', targetType: 'Visit', targetId: visitId });
  });
  return { ok: true as const };
}

/** Moves a booked visit to another open slot of the same window, in one transaction. */
export async function rescheduleVisit(opts: {
  db: Db;
  cipher: FieldCipher;
  actor: FamilyActor;
  input: { visitId: string; slotId: string };
}) {
  const { db } = opts;
  const { visitId, slotId } = opts.input;
  const { familyId } = opts.actor;
  const actorId = opts.actor.id;
  try {
    return await db.$transaction(async (tx) => {
      const v = await tx.visit.findUnique({
        where: { id: visitId },
        select: { familyId: true, status: true, windowId: true, addressEnc: true },
      });
      if (!v || v.familyId !== familyId) throw new AppError('NOT_FOUND', '家访预约不存在');
      if (v.status !== 'BOOKED') throw new AppError('CONFLICT', '只有已经约好的家访可以改时间');
      const slot = await lockSlot(tx, slotId);
      if (slot.windowId !== v.windowId) throw new AppError('BAD_REQUEST', '只能改到这次家访安排里的其他时间');
      if (slot.startsAt.getTime() <= Date.now()) throw new AppError('CONFLICT', '该时段已过');
      const assigned = await tx.visitAssignment.findUnique({
        where: { windowId_familyId: { windowId: v.windowId, familyId } },
        select: { teacherId: true },
      });
      if (assigned && assigned.teacherId !== slot.teacherId) {
        throw new AppError('BAD_REQUEST', '请选择负责您家家访的老师的时段');
      }
      const taken = await tx.visit.findFirst({ where: { slotId, status: { not: 'CANCELLED' } }, select: { id: true } });
      if (taken) throw new AppError('CONFLICT', '该时段已被其他家庭预约，请选择其他时段');
      await tx.visit.update({
        where: { id: visitId },
        data: { status: 'CANCELLED', cancelledAt: new Date() },
        select: { id: true },
      });
      await cancelQueued(tx, `visit-reminder:${visitId}`);
      // The address moves to the new visit (re-encrypted, bound to its row) when it is still a home visit.
      const nextId = randomUUID();
      const address =
        v.addressEnc && slot.mode === 'HOME' ? opts.cipher.decrypt(v.addressEnc, ctxOf(visitId, 'address')) : null;
      const next = await tx.visit.create({
        data: {
          id: nextId,
          addressEnc: address ? opts.cipher.encrypt(address, ctxOf(nextId, 'address')) : null,
          windowId: v.windowId,
          slotId,
          familyId,
          teacherId: slot.teacherId,
          mode: slot.mode,
          bookedById: actorId,
        },
        select: { id: true },
      });
      await scheduleVisitReminder(tx, next.id, familyId, slot);
      await enqueueForFamily(tx, familyId, {
        templateKey: 'VISIT_NOTICE',
        page: 'packageVisits/parent/index',
        data: { thing1: thing(VISIT_MODE_LABELS[slot.mode]), time2: time(slot.startsAt), phrase3: { value: '已改约' } },
        dueAt: new Date(),
        dedupePrefix: `visit-rescheduled:${next.id}`,
      });
      await writeAudit(tx, {
        actorUserId: actorId,
        action: 'visit.reschedule',
        targetType: 'Visit',
        targetId: next.id,
      });
      return { visitId: next.id };
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('CONFLICT', '该时段已被其他家庭预约，请选择其他时段');
    throw err;
  }
}
