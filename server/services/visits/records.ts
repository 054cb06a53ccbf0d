import type { Db } from '../../db/create-db';
import type { FieldCipher } from '../../crypto/field-cipher';
import type { Actor, FamilyActor, StaffActor } from '../../auth/auth-user';
import { AppError } from '../../errors/app-error';
import type { VisitMissedOutcome } from '../../shared/visits';
import { RECORD_EDIT_DAYS, VISIT_STATUS_LABELS } from '../../shared/visits';
import { addDays, chinaDateTimeText, chinaDayAfter, chinaToday, chinaYear } from '../../shared/china-time';
import { reviseSignedYear } from '../reports/sign-off';
import { writeAudit } from '../audit/write-audit';
import { recordService } from '../sessions/service-year';
import { grantsCovering } from '../../auth/auth-user';
import { openSlotCounts } from './visits.sql';
import { maskAddress } from '../../shared/contacts';
import { maskedFamilyContacts } from '../families/contacts';

/** The encryption context of a visit's field (summary, notes, address). */
export const ctxOf = (visitId: string, field: string) => `Visit:${visitId}:${field}`;

/**
 * The visiting teacher records the visit. Free text and the address are encrypted; the completed
 * visit counts as a family mental-health guidance service for the family's year.
 */
export async function completeVisit(opts: {
  db: Db;
  cipher: FieldCipher;
  actor: Actor;
  input: {
    visitId: string;
    correctionReason?: string;
    summary: string;
    followUp?: string | { action: string; dueOn: string }[];
    topics?: string[];
    concerns?: string[];
    notes?: string;
    address?: string;
  };
  now?: number;
}) {
  const { db, cipher, input, now = Date.now() } = opts;
  const teacherId = opts.actor.id;
  const v = await ownBookedVisit(db, input.visitId, teacherId, now);
  const followUps =
    typeof input.followUp === 'string'
      ? input.followUp
        ? [{ action: input.followUp.slice(0, 200), dueOn: chinaDayAfter(new Date(), 14) }]
        : []
      : (input.followUp ?? []);
  await db.$transaction(async (tx) => {
    // A visit of a year signed off: recorded with its reason, kept as a revision.
    await reviseSignedYear(tx, {
      orgUnitId: v.window.orgUnitId,
      year: chinaYear(v.slot.startsAt),
      actorId: teacherId,
      reason: input.correctionReason,
      what: '补记完成家访',
      ids: { visitId: input.visitId },
    });
    const { count } = await tx.visit.updateMany({
      where: { id: input.visitId, status: 'BOOKED' },
      data: {
        status: 'COMPLETED',
        completedAt: new Date(),
        topics: input.topics ?? [],
        concerns: input.concerns ?? [],
        summaryEnc: cipher.encrypt(input.summary, ctxOf(input.visitId, 'summary')),
        notesEnc: input.notes ? cipher.encrypt(input.notes, ctxOf(input.visitId, 'notes')) : null,
        // The address the parent gave when booking stays unless the teacher writes it again.
        ...(input.address ? { addressEnc: cipher.encrypt(input.address, ctxOf(input.visitId, 'address')) } : {}),
      },
    });
    if (count === 0) throw new AppError('CONFLICT', '该家访已记录完成');
    if (followUps.length) {
      await tx.visitFollowUp.createMany({
        data: followUps.map((f) => ({
          visitId: input.visitId,
          teacherId,
          action: f.action,
          dueOn: new Date(`${f.dueOn}T00:00:00Z`),
        })),
      });
    }
    await recordService(tx, v.familyId, v.slot.startsAt);
    await writeAudit(tx, {
      actorUserId: teacherId,
      action: 'visit.complete',
      targetType: 'Visit',
      targetId: input.visitId,
      detail: { followUps: followUps.length },
    });
  });
  return { ok: true as const };
}

/** The one rule of correcting a record: until RECORD_EDIT_DAYS after it was completed. */
export function recordEditableUntil(completedAt: Date): Date {
  return addDays(completedAt, RECORD_EDIT_DAYS);
}

const notBegun = (startsAt: Date) =>
  new AppError('CONFLICT', `家访时段还没有开始（${chinaDateTimeText(startsAt)}），开始后才能记录`);

/**
 * The teacher's own visit, still booked, whose slot has begun: what a record or an outcome (未遇到家庭,
 * 家长要求改期) is written on. Only what happened counts: nothing is recorded before the slot starts.
 */
async function ownBookedVisit(db: Db, visitId: string, teacherId: string, now: number) {
  const v = await db.visit.findUnique({
    where: { id: visitId },
    select: {
      teacherId: true,
      status: true,
      familyId: true,
      slot: { select: { startsAt: true } },
      window: { select: { orgUnitId: true } },
    },
  });
  if (!v || v.teacherId !== teacherId) throw new AppError('NOT_FOUND', '家访不存在或不是您负责的家访');
  if (v.status === 'CANCELLED') throw new AppError('CONFLICT', '已取消的家访不能记录');
  if (v.status === 'COMPLETED') throw new AppError('CONFLICT', '该家访已记录完成');
  if (v.status !== 'BOOKED') throw new AppError('CONFLICT', `该家访已记为“${VISIT_STATUS_LABELS[v.status]}”`);
  if (v.slot.startsAt.getTime() > now) throw notBegun(v.slot.startsAt);
  return v;
}

/**
 * The visiting teacher records that the visit did not happen: nobody met (NO_SHOW) or the family asked for
 * another time (RESCHEDULED_BY_FAMILY). Neither is a service; a rescheduled family may book again.
 */
export async function recordOutcome(opts: {
  db: Db;
  cipher: FieldCipher;
  actor: Actor;
  input: { visitId: string; outcome: VisitMissedOutcome; note?: string };
  now?: number;
}) {
  const { db, cipher, input, now = Date.now() } = opts;
  const teacherId = opts.actor.id;
  const v = await ownBookedVisit(db, input.visitId, teacherId, now);
  await db.$transaction(async (tx) => {
    const { count } = await tx.visit.updateMany({
      where: { id: input.visitId, status: 'BOOKED' },
      data: {
        status: input.outcome,
        completedAt: new Date(),
        notesEnc: input.note ? cipher.encrypt(input.note, ctxOf(input.visitId, 'notes')) : null,
      },
    });
    if (count === 0) throw new AppError('CONFLICT', '该家访已有结果');
    await writeAudit(tx, {
      actorUserId: teacherId,
      action: 'visit.outcome',
      targetType: 'Visit',
      targetId: input.visitId,
      orgUnitId: v.window.orgUnitId,
      detail: { outcome: input.outcome },
    });
  });
  return { ok: true as const };
}

/**
 * The visiting teacher corrects a completed record within RECORD_EDIT_DAYS. The version it replaces is kept
 * (its envelopes move to VisitRecordRevision unchanged, so it stays encrypted with the visit's context).
 */
export async function editVisitRecord(opts: {
  db: Db;
  cipher: FieldCipher;
  actor: Actor;
  input: {
    visitId: string;
    summary: string;
    topics?: string[];
    concerns?: string[];
    notes?: string;
    address?: string;
  };
  now?: number;
}) {
  const { db, cipher, input, now = Date.now() } = opts;
  const actorId = opts.actor.id;
  return db.$transaction(async (tx) => {
    // The visit's row is locked: two edits at once each keep the version they replaced.
    await tx.$queryRaw`SELECT id FROM "Visit" WHERE id = ${input.visitId} FOR UPDATE`;
    const v = await tx.visit.findUnique({
      where: { id: input.visitId },
      select: {
        teacherId: true,
        status: true,
        completedAt: true,
        topics: true,
        concerns: true,
        summaryEnc: true,
        notesEnc: true,
        addressEnc: true,
        window: { select: { orgUnitId: true } },
      },
    });
    if (!v) throw new AppError('NOT_FOUND', '家访不存在');
    if (v.teacherId !== actorId) throw new AppError('FORBIDDEN', '只有记录这次家访的教师可以修改家访记录');
    if (v.status !== 'COMPLETED' || !v.completedAt) throw new AppError('CONFLICT', '只有已完成的家访记录可以修改');
    const until = recordEditableUntil(v.completedAt);
    if (until.getTime() < now) {
      throw new AppError(
        'CONFLICT',
        `家访记录在完成后 ${RECORD_EDIT_DAYS} 天内可以修改，已超过期限（${chinaDateTimeText(until)}）`,
      );
    }
    await tx.visitRecordRevision.create({
      data: {
        visitId: input.visitId,
        editedById: actorId,
        topics: v.topics,
        concerns: v.concerns,
        summaryEnc: v.summaryEnc,
        notesEnc: v.notesEnc,
        addressEnc: v.addressEnc,
      },
      select: { id: true },
    });
    await tx.visit.update({
      where: { id: input.visitId },
      data: {
        topics: input.topics ?? [],
        concerns: input.concerns ?? [],
        summaryEnc: cipher.encrypt(input.summary, ctxOf(input.visitId, 'summary')),
        notesEnc: input.notes ? cipher.encrypt(input.notes, ctxOf(input.visitId, 'notes')) : null,
        addressEnc: input.address ? cipher.encrypt(input.address, ctxOf(input.visitId, 'address')) : null,
      },
      select: { id: true },
    });
    await writeAudit(tx, {
      actorUserId: actorId,
      action: 'visit.editRecord',
      targetType: 'Visit',
      targetId: input.visitId,
      orgUnitId: v.window.orgUnitId,
    });
    return { ok: true as const };
  });
}

/**
 * A visit record with its decrypted notes, for the visiting teacher and the school's counsellors
 * only. Every read is audited.
 */
export async function readVisitRecord(opts: {
  db: Db;
  cipher: FieldCipher;
  actor: StaffActor;
  input: { visitId: string };
}) {
  const { db, cipher, actor: user } = opts;
  const { visitId } = opts.input;
  const v = await db.visit.findUnique({
    where: { id: visitId },
    select: {
      id: true,
      status: true,
      mode: true,
      teacherId: true,
      familyId: true,
      completedAt: true,
      topics: true,
      concerns: true,
      summaryEnc: true,
      notesEnc: true,
      addressEnc: true,
      slot: { select: { startsAt: true, endsAt: true } },
      window: { select: { orgUnitId: true, orgUnit: { select: { path: true } } } },
      family: {
        select: {
          guardians: { select: { relation: true, user: { select: { displayName: true } } } },
          children: { select: { name: true, grade: true, className: true } },
        },
      },
      followUps: { select: { id: true, action: true, dueOn: true, doneAt: true }, orderBy: { dueOn: 'asc' } },
      revisions: { select: { createdAt: true }, orderBy: { createdAt: 'desc' } },
    },
  });
  if (!v) throw new AppError('NOT_FOUND', '家访不存在');
  const isVisitor = v.teacherId === user.id;
  const isCounselor = grantsCovering(user, ['COUNSELOR'], v.window.orgUnit.path).length > 0;
  if (!isVisitor && !isCounselor)
    throw new AppError('FORBIDDEN', '家访记录只有负责家访的教师和本校心理健康教师可以查看');
  const address = v.addressEnc ? cipher.decrypt(v.addressEnc, ctxOf(v.id, 'address')) : null;
  // The address in clear is for the teacher making this visit (the read is audited, with the address noted);
  // everyone else sees the district only. Phone numbers are masked here for all: 查看完整号码 reveals them.
  const showAddress = isVisitor && address != null;
  await writeAudit(db, {
    actorUserId: user.id,
    action: 'visit.read',
    targetType: 'Visit',
    targetId: v.id,
    orgUnitId: v.window.orgUnitId,
    detail: showAddress ? { address: true } : undefined,
  });
  const contacts = await maskedFamilyContacts(db, v.familyId);
  return {
    id: v.id,
    status: v.status,
    mode: v.mode,
    startsAt: v.slot.startsAt.toISOString(),
    endsAt: v.slot.endsAt.toISOString(),
    /** The slot has begun: the visit can be recorded (by the server's clock, not the phone's). */
    begun: v.slot.startsAt.getTime() <= Date.now(),
    completedAt: v.completedAt?.toISOString() ?? null,
    /** How many times the record was corrected, and when last. */
    edits: v.revisions.length,
    lastEditedAt: v.revisions[0]?.createdAt.toISOString() ?? null,
    /** Until when its author may still correct it (null: not a completed record). */
    editableUntil: v.status === 'COMPLETED' && v.completedAt ? recordEditableUntil(v.completedAt).toISOString() : null,
    /** The reader may correct it now (the author, within the time). */
    canEdit:
      isVisitor &&
      v.status === 'COMPLETED' &&
      v.completedAt != null &&
      recordEditableUntil(v.completedAt).getTime() >= Date.now(),
    topics: v.topics,
    concerns: v.concerns,
    summary: v.summaryEnc ? cipher.decrypt(v.summaryEnc, ctxOf(v.id, 'summary')) : null,
    notes: v.notesEnc ? cipher.decrypt(v.notesEnc, ctxOf(v.id, 'notes')) : null,
    address: address == null ? null : showAddress ? address : maskAddress(address),
    /** The address above is the district only (本校心理健康教师). */
    addressMasked: address != null && !showAddress,
    /** The family's numbers, masked; the visiting teacher reveals them with visits.revealContact. */
    contacts,
    isVisitor,
    guardians: v.family.guardians.map((g) => g.user.displayName),
    children: v.family.children,
    followUps: v.followUps.map((f) => ({
      id: f.id,
      action: f.action,
      dueOn: f.dueOn.toISOString().slice(0, 10),
      done: f.doneAt != null,
    })),
  };
}

/** The family's own visits (no notes: those are for the school). */
export async function myVisits(opts: { db: Db; actor: FamilyActor }) {
  const { db } = opts;
  const { familyId } = opts.actor;
  const rows = await db.visit.findMany({
    where: { familyId },
    orderBy: { createdAt: 'desc' },
    take: 50,
    select: {
      id: true,
      status: true,
      mode: true,
      windowId: true,
      bookedById: true,
      slot: { select: { startsAt: true, endsAt: true, teacher: { select: { displayName: true } } } },
      window: { select: { title: true } },
    },
  });
  // 代办: a visit booked by someone outside the household (the teacher, after a phone call) says who did it.
  const bookers = await db.user.findMany({
    where: { id: { in: [...new Set(rows.map((r) => r.bookedById))] }, NOT: { guardian: { familyId } } },
    select: { id: true, displayName: true },
  });
  const onBehalf = new Map(bookers.map((u) => [u.id, u.displayName]));
  return rows.map((r) => ({
    bookedOnBehalfBy: onBehalf.get(r.bookedById) ?? null,
    visitId: r.id,
    windowId: r.windowId,
    windowTitle: r.window.title,
    status: r.status,
    mode: r.mode,
    teacherName: r.slot.teacher.displayName,
    startsAt: r.slot.startsAt.toISOString(),
    endsAt: r.slot.endsAt.toISOString(),
  }));
}

/** Windows open to the family's schools (for the parent's 预约家访 page). */
export async function windowsForFamily(opts: { db: Db; actor: FamilyActor }) {
  const { db } = opts;
  const { familyId } = opts.actor;
  const family = await db.family.findUniqueOrThrow({
    where: { id: familyId },
    select: { orgUnitId: true, children: { select: { schoolId: true } } },
  });
  const schools = [...new Set([family.orgUnitId, ...family.children.map((c) => c.schoolId)])];
  const today = chinaToday();
  const rows = await db.visitWindow.findMany({
    where: { orgUnitId: { in: schools }, endsOn: { gte: today } },
    orderBy: { startsOn: 'asc' },
    select: { id: true, title: true, season: true, startsOn: true, endsOn: true, orgUnit: { select: { name: true } } },
  });
  const open = await openSlotCounts(
    db,
    familyId,
    rows.map((w) => w.id),
    new Date(),
  );
  return rows.map((w) => ({
    id: w.id,
    title: w.title,
    season: w.season,
    startsOn: w.startsOn.toISOString().slice(0, 10),
    endsOn: w.endsOn.toISOString().slice(0, 10),
    schoolName: w.orgUnit.name,
    /** Slots the family could book now (the page opens on a window that has some). */
    openSlots: open.get(w.id) ?? 0,
  }));
}

export async function teacherFollowUps(opts: { db: Db; actor: Actor }) {
  const { db } = opts;
  const teacherId = opts.actor.id;
  const rows = await db.visitFollowUp.findMany({
    where: { teacherId, doneAt: null },
    orderBy: { dueOn: 'asc' },
    select: { id: true, action: true, dueOn: true, visitId: true },
  });
  return rows.map((r) => ({
    id: r.id,
    action: r.action,
    dueOn: r.dueOn.toISOString().slice(0, 10),
    visitId: r.visitId,
  }));
}

export async function completeFollowUp(opts: { db: Db; actor: Actor; input: { followUpId: string } }) {
  const { db } = opts;
  const { followUpId } = opts.input;
  const teacherId = opts.actor.id;
  const { count } = await db.visitFollowUp.updateMany({
    where: { id: followUpId, teacherId, doneAt: null },
    data: { doneAt: new Date() },
  });
  if (count === 0) {
    const exists = await db.visitFollowUp.findFirst({ where: { id: followUpId, teacherId }, select: { id: true } });
    if (!exists) throw new AppError('NOT_FOUND', '跟进事项不存在');
  }
  return { ok: true as const };
}
