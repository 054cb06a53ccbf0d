import type { Db } from '../../db/create-db';
import { AppError } from '../../errors/app-error';
import { VISIT_SEASON_LABELS } from '../../shared/visits';
import { writeAudit } from '../audit/write-audit';

/** Start of a calendar day in China (UTC+8) as an instant. */
export function chinaDayStart(day: string | Date): Date {
  const iso = typeof day === 'string' ? day : day.toISOString().slice(0, 10);
  return new Date(`${iso}T00:00:00+08:00`);
}

export async function windowUnitId(db: Db, windowId: string): Promise<string | null> {
  return (await db.visitWindow.findUnique({ where: { id: windowId }, select: { orgUnitId: true } }))?.orgUnitId ?? null;
}

/**
 * Opens a visit window at a school and assigns each family to its class teacher where one is set
 * (the coordinator can reassign).
 */
export async function createWindow(
  db: Db,
  actorId: string,
  input: { orgUnitId: string; season: 'WINTER' | 'SUMMER' | 'TERM'; startsOn: string; endsOn: string; title?: string; travelBufferMinutes?: number },
) {
  const unit = await db.orgUnit.findUnique({ where: { id: input.orgUnitId }, select: { kind: true } });
  if (!unit) throw new AppError('NOT_FOUND', '学校不存在');
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
    await writeAudit(tx, { actorUserId: actorId, action: 'visitWindow.create', targetType: 'VisitWindow', targetId: w.id, orgUnitId: input.orgUnitId });
    return { id: w.id };
  });
}

/** Sets who visits a class by default. */
export async function setClassTeacher(db: Db, input: { orgUnitId: string; grade: string; className: string; teacherId: string }) {
  await assertTeacherAt(db, input.teacherId, input.orgUnitId);
  await db.classTeacher.upsert({
    where: { orgUnitId_grade_className: { orgUnitId: input.orgUnitId, grade: input.grade, className: input.className } },
    create: input,
    update: { teacherId: input.teacherId },
    select: { id: true },
  });
  return { ok: true as const };
}

export async function assertTeacherAt(db: Db, teacherId: string, schoolId: string) {
  const school = await db.orgUnit.findUniqueOrThrow({ where: { id: schoolId }, select: { path: true } });
  const grants = await db.roleAssignment.findMany({ where: { userId: teacherId, role: { in: ['TEACHER', 'COUNSELOR'] } }, select: { orgUnit: { select: { path: true } } } });
  if (!grants.some((g) => school.path.startsWith(g.orgUnit.path))) throw new AppError('BAD_REQUEST', '该教师不在本校');
}

/** The coordinator reassigns a family to another teacher for the window. */
export async function assignFamily(db: Db, actorId: string, input: { windowId: string; familyId: string; teacherId: string }) {
  const w = await db.visitWindow.findUnique({ where: { id: input.windowId }, select: { orgUnitId: true } });
  if (!w) throw new AppError('NOT_FOUND', '家访窗口不存在');
  await assertTeacherAt(db, input.teacherId, w.orgUnitId);
  await assertFamilyAtSchool(db, input.familyId, w.orgUnitId);
  await db.visitAssignment.upsert({
    where: { windowId_familyId: { windowId: input.windowId, familyId: input.familyId } },
    create: { ...input, assignedById: actorId },
    update: { teacherId: input.teacherId, assignedById: actorId },
    select: { windowId: true },
  });
  return { ok: true as const };
}

/** A family belongs to a school when it is registered there or has a child there. */
export async function assertFamilyAtSchool(db: Pick<Db, 'family'>, familyId: string, schoolId: string) {
  const f = await db.family.findFirst({ where: { id: familyId, OR: [{ orgUnitId: schoolId }, { children: { some: { schoolId } } }] }, select: { id: true } });
  if (!f) throw new AppError('FORBIDDEN', '该家庭不属于本校');
}

export async function flagPriority(db: Db, actorId: string, schoolId: string, input: { familyId: string; reason: string }) {
  await assertFamilyAtSchool(db, input.familyId, schoolId);
  const existing = await db.priorityFlag.findFirst({ where: { familyId: input.familyId, orgUnitId: schoolId, reason: input.reason as never, clearedAt: null }, select: { id: true } });
  if (!existing) {
    await db.priorityFlag.create({ data: { familyId: input.familyId, orgUnitId: schoolId, reason: input.reason as never, flaggedById: actorId }, select: { id: true } });
  }
  return { ok: true as const };
}
