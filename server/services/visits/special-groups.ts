import type { Db } from '../../db/create-db';
import type { AuthUser } from '../../auth/auth-user';
import { grantsCovering } from '../../auth/auth-user';
import { AppError } from '../../errors/app-error';
import { semesterBounds } from '../../shared/china-time';
import type { SpecialGroup } from '../../shared/visits';
import { writeAudit } from '../audit/write-audit';
import { assertFamilyAtSchool } from './windows';

/** The school's coordinator or counsellor marks a household's special groups (the whole set each time). */
export async function setGroups(opts: {
  db: Db;
  actor: AuthUser;
  unit: { id: string; kind: string };
  input: { familyId: string; groups: SpecialGroup[] };
}) {
  const { db, actor, unit, input } = opts;
  if (unit.kind !== 'SCHOOL') throw new AppError('BAD_REQUEST', '特殊群体由孩子就读学校标记');
  await assertFamilyAtSchool(db, input.familyId, unit.id);
  await db.$transaction(async (tx) => {
    await tx.family.update({
      where: { id: input.familyId },
      data: { specialGroups: input.groups },
      select: { id: true },
    });
    await writeAudit(tx, {
      actorUserId: actor.id,
      action: 'family.setGroups',
      targetType: 'Family',
      targetId: input.familyId,
      orgUnitId: unit.id,
      detail: { groups: input.groups.join(',') },
    });
  });
  return { ok: true as const };
}

interface DueRow {
  familyId: string;
  groups: SpecialGroup[];
  teacherId: string | null;
  teacherName: string | null;
  childName: string | null;
  grade: string | null;
  className: string | null;
}

/**
 * 本学期待家访: the school's special-group households with no home visit completed (its slot begun) in the
 * semester in progress, with the class teacher responsible (of the household's first child at the school).
 * A teacher who is not also the school's coordinator or counsellor sees the households of their own classes.
 */
export async function visitsDue(opts: { db: Db; actor: AuthUser; unit: { id: string; path: string; kind: string } }) {
  const { db, actor, unit } = opts;
  if (unit.kind !== 'SCHOOL') throw new AppError('BAD_REQUEST', '请选择一所学校');
  const { from, to } = semesterBounds(new Date());
  const seesAll = grantsCovering(actor, ['ADMIN', 'COORDINATOR', 'COUNSELOR'], unit.path).length > 0;
  const rows = await db.$queryRaw<DueRow[]>`
    SELECT f.id AS "familyId", f."specialGroups" AS groups, c."teacherId", c."teacherName", c."childName", c.grade, c."className"
      FROM "Family" f
      LEFT JOIN LATERAL (
        SELECT ch.name AS "childName", ch.grade, ch."className", ct."teacherId", u."displayName" AS "teacherName"
          FROM "Child" ch
          LEFT JOIN "ClassTeacher" ct ON ct."orgUnitId" = ch."schoolId" AND ct.grade = ch.grade AND ct."className" = ch."className"
          LEFT JOIN "User" u ON u.id = ct."teacherId"
         WHERE ch."familyId" = f.id AND ch."schoolId" = ${unit.id} AND ch."leftAt" IS NULL
         ORDER BY ch.grade, ch."createdAt" LIMIT 1
      ) c ON true
     WHERE cardinality(f."specialGroups") > 0
       AND (f."orgUnitId" = ${unit.id} OR c."childName" IS NOT NULL)
       AND (${seesAll} OR c."teacherId" = ${actor.id})
       AND NOT EXISTS (
         SELECT 1 FROM "Visit" v JOIN "VisitSlot" sl ON sl.id = v."slotId"
          WHERE v."familyId" = f.id AND v.status = 'COMPLETED' AND sl."startsAt" <= now()
            AND sl."startsAt" >= ${from} AND sl."startsAt" < ${to})
     ORDER BY c.grade NULLS LAST, c."className", c."childName"`;
  await writeAudit(db, {
    actorUserId: actor.id,
    action: 'visits.due.read',
    targetType: 'OrgUnit',
    targetId: unit.id,
    orgUnitId: unit.id,
    detail: { households: rows.length },
  });
  return rows.map((r) => ({
    familyId: r.familyId,
    groups: r.groups,
    teacherName: r.teacherName,
    childName: r.childName,
    grade: r.grade,
    className: r.className,
  }));
}
