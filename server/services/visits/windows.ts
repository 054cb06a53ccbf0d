import type { Db } from '../../db/create-db';
import type { Actor } from '../../auth/auth-user';
import type { OrgUnitKind } from '../../shared/enums';
import type { PriorityReason, VisitSeason } from '../../shared/visits';
import { AppError } from '../../errors/app-error';
import { VISIT_SEASON_LABELS } from '../../shared/visits';
import { covers } from '../../shared/org-tree';
import { writeAudit } from '../audit/write-audit';
import { normalizeClassName } from '../../shared/grades';
import { chinaToday } from '../../shared/china-time';
import { assignMany, familiesInClasses, followClassTeacher } from './visits.sql';

export async function windowUnitId(db: Db, windowId: string): Promise<string | null> {
  return (await db.visitWindow.findUnique({ where: { id: windowId }, select: { orgUnitId: true } }))?.orgUnitId ?? null;
}

/** The unit in whose windows, slots and visits windowed staff act (found by the scope check). */
type ScopedSchool = { id: string; kind: OrgUnitKind; path: string };

/** The school's visit windows, newest first. */
export async function listWindows(opts: { db: Db; unit: ScopedSchool }) {
  const rows = await opts.db.visitWindow.findMany({
    where: { orgUnitId: opts.unit.id },
    orderBy: { startsOn: 'desc' },
    select: { id: true, title: true, season: true, startsOn: true, endsOn: true, travelBufferMinutes: true },
  });
  return rows.map((r) => ({
    ...r,
    startsOn: r.startsOn.toISOString().slice(0, 10),
    endsOn: r.endsOn.toISOString().slice(0, 10),
  }));
}

/**
 * Opens a visit window at a school and assigns each family to its class teacher where one is set
 * (the coordinator can reassign).
 */
export async function createWindow(opts: {
  db: Db;
  actor: Actor;
  unit: ScopedSchool;
  input: { season: VisitSeason; startsOn: string; endsOn: string; title?: string; travelBufferMinutes?: number };
}) {
  const { db, unit } = opts;
  const input = { ...opts.input, orgUnitId: unit.id };
  const actorId = opts.actor.id;
  if (unit.kind !== 'SCHOOL') throw new AppError('BAD_REQUEST', '家访窗口只能由学校开设');
  return db.$transaction(async (tx) => {
    const w = await tx.visitWindow.create({
      data: {
        orgUnitId: input.orgUnitId,
        season: input.season,
        title: input.title ?? `${input.startsOn.slice(0, 4)}年${VISIT_SEASON_LABELS[input.season]}`,
        startsOn: new Date(`${input.startsOn}T00:00:00Z`),
        endsOn: new Date(`${input.endsOn}T00:00:00Z`),
        travelBufferMinutes: input.travelBufferMinutes ?? 30,
        createdById: actorId,
      },
      select: { id: true },
    });
    // Default assignment: each child's class → its class teacher (one row per family).
    await tx.$executeRaw`
      INSERT INTO "VisitAssignment" ("windowId", "familyId", "teacherId", "createdAt")
      SELECT DISTINCT ON (c."familyId") ${w.id}, c."familyId", ct."teacherId", now()
        FROM "Child" c
        JOIN "ClassTeacher" ct ON ct."orgUnitId" = c."schoolId" AND ct.grade = c.grade AND ct."className" = c."className"
       WHERE c."schoolId" = ${input.orgUnitId}
       ORDER BY c."familyId", c."createdAt"
      ON CONFLICT DO NOTHING`;
    await writeAudit(tx, {
      actorUserId: actorId,
      action: 'visitWindow.create',
      targetType: 'VisitWindow',
      targetId: w.id,
      orgUnitId: input.orgUnitId,
    });
    return { id: w.id };
  });
}

/** Sets who visits a class by default. */
export async function setClassTeacher(opts: {
  db: Db;
  actor: Actor;
  unit: ScopedSchool;
  input: { grade: string; className: string; teacherId: string };
}) {
  const { db, unit } = opts;
  const input = {
    ...opts.input,
    className: normalizeClassName(opts.input.grade, opts.input.className),
    orgUnitId: unit.id,
  };
  await assertTeacherAt(db, input.teacherId, unit);
  await db.$transaction(async (tx) => {
    await tx.classTeacher.upsert({
      where: {
        orgUnitId_grade_className: { orgUnitId: input.orgUnitId, grade: input.grade, className: input.className },
      },
      create: input,
      update: { teacherId: input.teacherId },
      select: { id: true },
    });
    // Windows already open follow the class teacher too (families the coordinator assigned by hand stay).
    const followed = await followClassTeacher(tx, {
      schoolId: unit.id,
      grade: input.grade,
      className: input.className,
      teacherId: input.teacherId,
      today: chinaToday(),
    });
    await writeAudit(tx, {
      actorUserId: opts.actor.id,
      action: 'classTeacher.set',
      targetType: 'OrgUnit',
      targetId: unit.id,
      orgUnitId: unit.id,
      detail: { grade: input.grade, className: input.className, teacherId: input.teacherId, followed },
    });
  });
  return { ok: true as const };
}

export async function assertTeacherAt(db: Db, teacherId: string, school: { path: string }) {
  const grants = await db.roleAssignment.findMany({
    where: { userId: teacherId, role: { in: ['TEACHER', 'COUNSELOR'] } },
    select: { orgUnit: { select: { path: true } } },
  });
  if (!grants.some((g) => covers(g.orgUnit.path, school.path))) throw new AppError('BAD_REQUEST', '该教师不在本校');
}

/** The coordinator reassigns a family to another teacher for the window. */
export async function assignFamily(opts: {
  db: Db;
  actor: Actor;
  unit: ScopedSchool;
  input: { windowId: string; familyId: string; teacherId: string };
}) {
  const { db, unit, input } = opts;
  const actorId = opts.actor.id;
  await assertTeacherAt(db, input.teacherId, unit);
  await assertFamilyAtSchool(db, input.familyId, unit.id);
  await db.visitAssignment.upsert({
    where: { windowId_familyId: { windowId: input.windowId, familyId: input.familyId } },
    create: { ...input, assignedById: actorId },
    update: { teacherId: input.teacherId, assignedById: actorId },
    select: { windowId: true },
  });
  await writeAudit(db, {
    actorUserId: actorId,
    action: 'visit.assign',
    targetType: 'VisitWindow',
    targetId: input.windowId,
    orgUnitId: unit.id,
    detail: { familyId: input.familyId, teacherId: input.teacherId },
  });
  return { ok: true as const };
}

/**
 * The coordinator assigns one teacher to many families of a window at once: the chosen families, or every
 * family with a child in the chosen classes. All or nothing: one family of another school refuses the lot.
 */
export async function assignBulk(opts: {
  db: Db;
  actor: Actor;
  unit: ScopedSchool;
  input: {
    windowId: string;
    teacherId: string;
    familyIds?: string[];
    classes?: { grade: string; className: string }[];
  };
}) {
  const { db, unit, input } = opts;
  const actorId = opts.actor.id;
  await assertTeacherAt(db, input.teacherId, unit);
  const familyIds = input.familyIds
    ? [...new Set(input.familyIds)]
    : await familiesInClasses(
        db,
        unit.id,
        (input.classes ?? []).map((c) => ({ grade: c.grade, className: normalizeClassName(c.grade, c.className) })),
      );
  if (familyIds.length === 0) throw new AppError('BAD_REQUEST', '所选班级还没有家庭');
  return db.$transaction(async (tx) => {
    const here = await tx.family.count({
      where: { id: { in: familyIds }, OR: [{ orgUnitId: unit.id }, { children: { some: { schoolId: unit.id } } }] },
    });
    if (here !== familyIds.length) {
      throw new AppError('FORBIDDEN', `有 ${familyIds.length - here} 户家庭不属于本校，没有分配任何家庭，请重新选择`);
    }
    await assignMany(tx, { windowId: input.windowId, teacherId: input.teacherId, familyIds, actorId });
    await writeAudit(tx, {
      actorUserId: actorId,
      action: 'visit.assignBulk',
      targetType: 'VisitWindow',
      targetId: input.windowId,
      orgUnitId: unit.id,
      detail: { teacherId: input.teacherId, families: familyIds.length, familyIds: familyIds.join(',') },
    });
    return { assigned: familyIds.length };
  });
}

/** A family belongs to a school when it is registered there or has a child there. */
export async function assertFamilyAtSchool(db: Pick<Db, 'family'>, familyId: string, schoolId: string) {
  const f = await db.family.findFirst({
    where: { id: familyId, OR: [{ orgUnitId: schoolId }, { children: { some: { schoolId } } }] },
    select: { id: true },
  });
  if (!f) throw new AppError('FORBIDDEN', '该家庭不属于本校');
}

/** The unit a family is registered at (the scope of flagging it). */
export async function familyUnitId(db: Db, familyId: string): Promise<string | null> {
  return (await db.family.findUnique({ where: { id: familyId }, select: { orgUnitId: true } }))?.orgUnitId ?? null;
}

export async function flagPriority(opts: {
  db: Db;
  actor: Actor;
  unit: { id: string };
  input: { familyId: string; reason: PriorityReason };
}) {
  const { db, input } = opts;
  const schoolId = opts.unit.id;
  await assertFamilyAtSchool(db, input.familyId, schoolId);
  const existing = await db.priorityFlag.findFirst({
    where: { familyId: input.familyId, orgUnitId: schoolId, reason: input.reason, clearedAt: null },
    select: { id: true },
  });
  if (!existing) {
    await db.$transaction(async (tx) => {
      await tx.priorityFlag.create({
        data: { familyId: input.familyId, orgUnitId: schoolId, reason: input.reason, flaggedById: opts.actor.id },
        select: { id: true },
      });
      await writeAudit(tx, {
        actorUserId: opts.actor.id,
        action: 'priorityFlag.set',
        targetType: 'Family',
        targetId: input.familyId,
        orgUnitId: schoolId,
        detail: { reason: input.reason },
      });
    });
  }
  return { ok: true as const };
}

/** The school of a slot's window (the scope of staff procedures on the slot). */
export async function slotUnitId(db: Db, slotId: string): Promise<string | null> {
  const slot = await db.visitSlot.findUnique({
    where: { id: slotId },
    select: { window: { select: { orgUnitId: true } } },
  });
  return slot?.window.orgUnitId ?? null;
}

/** The school of a visit's window (the scope of staff procedures on the visit). */
export async function visitUnitId(db: Db, visitId: string): Promise<string | null> {
  const visit = await db.visit.findUnique({
    where: { id: visitId },
    select: { window: { select: { orgUnitId: true } } },
  });
  return visit?.window.orgUnitId ?? null;
}
