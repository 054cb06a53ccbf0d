import type { Db } from '../../db/create-db';
import type { Actor } from '../../auth/auth-user';
import { AppError } from '../../errors/app-error';
import { GUARDIAN_RELATION_LABELS, type GuardianRelation } from '../../shared/enums';
import { gradeLabel, gradeOrder, normalizeClassName } from '../../shared/grades';
import type { ScopedUnit } from '../../trpc/procedures';
import { writeAudit } from '../audit/write-audit';
import { refreshEnrolment } from './enrolment';
import { mergeFamilies } from './merge-families';

/** A school's classes on its roster: students, households, how many joined, the class teacher and invite. */
export async function rosterClasses(opts: { db: Db; unit: ScopedUnit }) {
  const { db, unit } = opts;
  const rows = await db.$queryRaw<
    {
      grade: string;
      className: string;
      students: number;
      households: number;
      joined: number;
      teacherName: string | null;
      inviteCode: string | null;
    }[]
  >`
    SELECT c.grade, c."className", count(*)::int AS students, count(DISTINCT c."familyId")::int AS households,
           count(DISTINCT c."familyId") FILTER (WHERE EXISTS (SELECT 1 FROM "Guardian" g WHERE g."familyId" = c."familyId"))::int AS joined,
           (SELECT u."displayName" FROM "ClassTeacher" t JOIN "User" u ON u.id = t."teacherId"
             WHERE t."orgUnitId" = ${unit.id} AND t.grade = c.grade AND t."className" = c."className") AS "teacherName",
           (SELECT i.code FROM "InviteCode" i
             WHERE i."orgUnitId" = ${unit.id} AND i.kind = 'CLASS' AND i.grade = c.grade AND i."className" = c."className"
               AND NOT i.disabled ORDER BY i."createdAt" LIMIT 1) AS "inviteCode"
      FROM "Child" c
     WHERE c."schoolId" = ${unit.id} AND c."enrolledAt" IS NOT NULL AND c."leftAt" IS NULL
     GROUP BY c.grade, c."className"`;
  return rows
    .map((r) => ({ ...r, gradeLabel: gradeLabel(r.grade) }))
    .sort((a, b) => gradeOrder(a.grade) - gradeOrder(b.grade) || a.className.localeCompare(b.className, 'zh-CN'));
}

/** One class's students: the household each is in, whether it joined, and its rostered contact (masked). */
export async function classStudents(opts: { db: Db; unit: ScopedUnit; input: { grade: string; className: string } }) {
  const { db, unit, input } = opts;
  const className = normalizeClassName(input.grade, input.className);
  const children = await db.child.findMany({
    where: { schoolId: unit.id, grade: input.grade, className, enrolledAt: { not: null }, leftAt: null },
    select: {
      id: true,
      name: true,
      enrolledAt: true,
      family: {
        select: {
          id: true,
          householdKey: true,
          contactMasked: true,
          _count: { select: { guardians: true, children: true } },
        },
      },
    },
    orderBy: { name: 'asc' },
  });
  return children.map((c) => ({
    childId: c.id,
    name: c.name,
    familyId: c.family.id,
    householdKey: c.family.householdKey,
    joined: c.family._count.guardians > 0,
    siblings: c.family._count.children - 1,
    contact: c.family.contactMasked,
    enrolledAt: c.enrolledAt!.toISOString(),
  }));
}

/** The roster child of `childId` at the school the scope check found. */
async function rosterChild(db: Db, school: ScopedUnit, childId: string) {
  const child = await db.child.findFirst({
    where: { id: childId, schoolId: school.id, enrolledAt: { not: null } },
    select: { id: true, familyId: true, leftAt: true },
  });
  if (!child) throw new AppError('NOT_FOUND', '名册上没有这名学生');
  return child;
}

/** By hand: a student who transferred or graduated leaves the roster (the household stays counted for its years). */
export async function closeStudent(opts: {
  db: Db;
  actor: Actor;
  unit: ScopedUnit;
  input: { childId: string; reason: 'TRANSFERRED' | 'GRADUATED' };
}) {
  const { db, actor, unit, input } = opts;
  const child = await rosterChild(db, unit, input.childId);
  if (child.leftAt) throw new AppError('CONFLICT', '这名学生已经离校');
  const now = new Date();
  await db.$transaction(async (tx) => {
    await tx.child.update({
      where: { id: child.id },
      data: { leftAt: now, leftReason: input.reason },
      select: { id: true },
    });
    await refreshEnrolment(tx, [child.familyId], now);
    await writeAudit(tx, {
      actorUserId: actor.id,
      action: 'roster.closeStudent',
      targetType: 'Child',
      targetId: child.id,
      orgUnitId: unit.id,
      detail: { reason: input.reason },
    });
  });
  return { ok: true as const };
}

/**
 * 待核对: families who joined the school but are on none of its rosters (a child's name spelt differently,
 * joined with the school code, or a household someone had already claimed), while the school has a roster.
 * Each comes with the roster students of the same name as likely matches.
 */
export async function pendingFamilies(opts: { db: Db; unit: ScopedUnit }) {
  const { db, unit } = opts;
  const families = await db.family.findMany({
    where: {
      orgUnitId: unit.id,
      enrolledFrom: null,
      reviewedAt: null,
      guardians: { some: {} },
      orgUnit: { schoolChildren: { some: { enrolledAt: { not: null } } } },
    },
    select: {
      id: true,
      createdAt: true,
      guardians: { select: { relation: true, user: { select: { displayName: true } } } },
      children: { select: { name: true, grade: true, className: true } },
    },
    orderBy: { createdAt: 'asc' },
    take: 500,
  });
  const names = [...new Set(families.flatMap((f) => f.children.map((c) => c.name)))];
  const candidates = await db.child.findMany({
    where: { schoolId: unit.id, enrolledAt: { not: null }, leftAt: null, name: { in: names } },
    select: {
      familyId: true,
      name: true,
      grade: true,
      className: true,
      family: { select: { _count: { select: { guardians: true } } } },
    },
  });
  return families.map((f) => ({
    familyId: f.id,
    joinedAt: f.createdAt.toISOString(),
    guardians: f.guardians.map((g) => ({
      relation: GUARDIAN_RELATION_LABELS[g.relation as GuardianRelation],
      displayName: g.user.displayName,
    })),
    children: f.children.map((c) => ({ name: c.name, gradeLabel: gradeLabel(c.grade), className: c.className })),
    matches: candidates
      .filter((c) => f.children.some((k) => k.name === c.name))
      .map((c) => ({
        familyId: c.familyId,
        name: c.name,
        gradeLabel: gradeLabel(c.grade),
        className: c.className,
        joined: c.family._count.guardians > 0,
      })),
  }));
}

/**
 * The coordinator's match: a joined family is the roster household `intoFamilyId` of the same school. Everything
 * of it (guardians, children, attendance, visits, service counts) moves there, once; no count is lost or doubled.
 */
export async function matchFamily(opts: {
  db: Db;
  actor: Actor;
  unit: ScopedUnit;
  input: { familyId: string; intoFamilyId: string };
}) {
  const { db, actor, unit, input } = opts;
  const [from, into] = await Promise.all(
    [input.familyId, input.intoFamilyId].map((id) =>
      db.family.findUnique({ where: { id }, select: { id: true, orgUnitId: true, enrolledFrom: true } }),
    ),
  );
  if (!from || !into || from.orgUnitId !== unit.id || into.orgUnitId !== unit.id)
    throw new AppError('NOT_FOUND', '家庭不存在或不属于本校');
  if (!into.enrolledFrom) throw new AppError('BAD_REQUEST', '请选择名册上的家庭');
  if (from.enrolledFrom)
    throw new AppError('BAD_REQUEST', '两个家庭都在名册上：请在名册中用同一个家庭编号标明兄弟姐妹');
  const children = await db.$transaction(
    async (tx) => {
      const merged = await mergeFamilies(tx, from.id, into.id);
      await writeAudit(tx, {
        actorUserId: actor.id,
        action: 'roster.matchFamily',
        targetType: 'Family',
        targetId: into.id,
        orgUnitId: unit.id,
        detail: { mergedFamilyId: from.id, children: merged.children },
      });
      return merged.children;
    },
    { timeout: 30_000 },
  );
  return { familyId: into.id, childrenMoved: children };
}

/** A joined family the coordinator confirmed is rightly not on a roster: out of the 待核对 queue. */
export async function confirmNotOnRoster(opts: {
  db: Db;
  actor: Actor;
  unit: ScopedUnit;
  input: { familyId: string };
}) {
  const { db, actor, unit, input } = opts;
  const { count } = await db.family.updateMany({
    where: { id: input.familyId, orgUnitId: unit.id, enrolledFrom: null },
    data: { reviewedAt: new Date() },
  });
  if (count === 0) throw new AppError('NOT_FOUND', '待核对名单中没有这个家庭');
  await writeAudit(db, {
    actorUserId: actor.id,
    action: 'roster.confirmNotOnRoster',
    targetType: 'Family',
    targetId: input.familyId,
    orgUnitId: unit.id,
  });
  return { ok: true as const };
}
