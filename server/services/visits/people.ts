import type { SpecialGroup } from '../../shared/visits';
import type { Db } from '../../db/create-db';
import type { StaffActor } from '../../auth/auth-user';
import type { OrgUnitKind } from '../../shared/enums';
import { grantsCovering } from '../../auth/auth-user';
import { pathIds } from '../../shared/org-tree';
import { AppError } from '../../errors/app-error';
import { writeAudit } from '../audit/write-audit';

type FamilyVisitStatus = 'NOT_BOOKED' | 'BOOKED' | 'COMPLETED' | 'NO_SHOW' | 'RESCHEDULED_BY_FAMILY';

/** A family's status in a window from its visits there, newest first (cancelled ones left out). */
function familyVisitStatus(statuses: string[]): FamilyVisitStatus {
  // The live visit when there is one; else a rescheduled one waits for a new booking.
  const live = statuses.find((s) => s !== 'RESCHEDULED_BY_FAMILY');
  return (live ?? statuses[0] ?? 'NOT_BOOKED') as FamilyVisitStatus;
}

/** Teachers and counsellors whose grant covers the school (to pick class teachers and reassign families). */
export async function schoolStaff(opts: { db: Db; unit: { path: string; kind: OrgUnitKind } }) {
  const { db, unit: school } = opts;
  if (school.kind !== 'SCHOOL') throw new AppError('BAD_REQUEST', '请选择一所学校');
  // Grants on the school itself or on a unit above it (the path prefixes of the school's path).
  const ancestors = pathIds(school.path);
  const rows = await db.roleAssignment.findMany({
    where: { role: { in: ['TEACHER', 'COUNSELOR'] }, orgUnitId: { in: ancestors } },
    select: { role: true, user: { select: { id: true, displayName: true } } },
    orderBy: { createdAt: 'asc' },
  });
  return rows.map((r) => ({
    userId: r.user.id,
    displayName: r.user.displayName,
    role: r.role as 'TEACHER' | 'COUNSELOR',
  }));
}

/**
 * The school's families for a visit window: who visits them, their children's grade and class, any
 * priority reasons and the visit status. A teacher sees the families assigned to them; coordinators all.
 */
export async function windowFamilies(opts: {
  db: Db;
  actor: StaffActor;
  unit: { id: string; path: string };
  input: { windowId: string };
}) {
  const { db, actor, unit } = opts;
  const { windowId } = opts.input;
  const w = { orgUnitId: unit.id };
  const coordinates = grantsCovering(actor, ['ADMIN', 'COORDINATOR'], unit.path).length > 0;
  const onlyTeacherId = coordinates ? null : actor.id;
  // A shared checklist result is for the school's counsellors only (the consent text says so).
  const counsels = grantsCovering(actor, ['COUNSELOR'], unit.path).length > 0;
  const openReferral = { referral: { schoolId: unit.id, status: { not: 'CLOSED' as const } } };
  const families = await db.family.findMany({
    where: {
      AND: [
        { OR: [{ orgUnitId: w.orgUnitId }, { children: { some: { schoolId: w.orgUnitId } } }] },
        // A teacher's families: assigned to them, or booked on one of their slots (whoever is assigned).
        ...(onlyTeacherId
          ? [
              {
                OR: [
                  { assignments: { some: { windowId, teacherId: onlyTeacherId } } },
                  { visits: { some: { windowId, teacherId: onlyTeacherId, status: { not: 'CANCELLED' as const } } } },
                ],
              },
            ]
          : []),
      ],
    },
    // Families created together share a timestamp: the id keeps the order stable between requests.
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    take: 3000,
    select: {
      id: true,
      specialGroups: true,
      guardians: { select: { user: { select: { displayName: true } } } },
      children: { where: { schoolId: w.orgUnitId }, select: { name: true, grade: true, className: true } },
      assignments: { where: { windowId }, select: { teacherId: true } },
      priorityFlags: { where: { clearedAt: null, reason: { not: 'CHECKLIST_REFERRAL' } }, select: { reason: true } },
      responses: { where: counsels ? openReferral : { id: { in: [] } }, select: { id: true }, take: 1 },
      visits: {
        where: { windowId, status: { not: 'CANCELLED' } },
        select: { status: true },
        orderBy: { createdAt: 'desc' },
      },
    },
  });
  const teacherIds = [...new Set(families.flatMap((f) => f.assignments.map((a) => a.teacherId)))];
  const teacherRows = await db.user.findMany({
    where: { id: { in: teacherIds } },
    select: { id: true, displayName: true },
  });
  const teachers = new Map(teacherRows.map((t) => [t.id, t.displayName]));
  // Priority reasons (and, for counsellors, shared results) are sensitive: who read the list is recorded.
  await writeAudit(db, {
    actorUserId: actor.id,
    action: 'visit.familiesRead',
    targetType: 'VisitWindow',
    targetId: windowId,
    orgUnitId: unit.id,
    detail: { families: families.length, flagged: families.filter((f) => f.priorityFlags.length > 0).length },
  });
  // Priority in the window: special-group households (留守、流动、孤儿…) and families flagged for attention
  // come first (in their order), so that they are visited, and booked for, before the rest.
  const first = (f: (typeof families)[number]) =>
    f.specialGroups.length > 0 || f.priorityFlags.length > 0 || f.responses.length > 0;
  const ordered = [...families.filter(first), ...families.filter((f) => !first(f))];
  return ordered.map((f) => ({
    familyId: f.id,
    guardians: f.guardians.map((g) => g.user.displayName),
    children: f.children,
    teacherId: f.assignments[0]?.teacherId ?? null,
    teacherName: f.assignments[0] ? (teachers.get(f.assignments[0].teacherId) ?? null) : null,
    priorityReasons: [
      ...new Set([
        ...f.priorityFlags.map((p) => p.reason),
        ...(f.responses.length > 0 ? (['CHECKLIST_REFERRAL'] as const) : []),
      ]),
    ],
    visitStatus: familyVisitStatus(f.visits.map((v) => v.status)),
    specialGroups: f.specialGroups as SpecialGroup[],
  }));
}
