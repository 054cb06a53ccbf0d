// Hand-written SQL of the home-visits domain, one named function per statement.
import type { Db } from '../../db/create-db';

/**
 * Per window, how many slots the family could book now: those still to come, free, and of the teacher the
 * family is assigned to when it is (the same rule as openSlots in slots.ts).
 */
export async function openSlotCounts(db: Db, familyId: string, windowIds: string[], now: Date) {
  if (windowIds.length === 0) return new Map<string, number>();
  const rows = await db.$queryRaw<{ windowId: string; open: number }[]>`
    SELECT w.id AS "windowId", count(s.id)::int AS open
      FROM "VisitWindow" w
      LEFT JOIN "VisitAssignment" a ON a."windowId" = w.id AND a."familyId" = ${familyId}
      LEFT JOIN "VisitSlot" s ON s."windowId" = w.id AND s."startsAt" > ${now}
            AND (a."teacherId" IS NULL OR s."teacherId" = a."teacherId")
            AND NOT EXISTS (SELECT 1 FROM "Visit" v WHERE v."slotId" = s.id AND v.status <> 'CANCELLED')
     WHERE w.id = ANY(${windowIds}::text[])
     GROUP BY w.id`;
  return new Map(rows.map((r) => [r.windowId, r.open]));
}

/**
 * A class's teacher changed: in the school's windows still open (endsOn not past), the families whose class is
 * this one (by their first child at the school, as opening a window assigns them) follow the class teacher,
 * except those the coordinator assigned by hand (assignedById set). Returns how many assignments changed.
 */
export async function followClassTeacher(
  db: Pick<Db, '$executeRaw'>,
  to: { schoolId: string; grade: string; className: string; teacherId: string; today: Date },
) {
  return db.$executeRaw`
    INSERT INTO "VisitAssignment" ("windowId", "familyId", "teacherId", "createdAt")
    SELECT w.id, fc."familyId", ${to.teacherId}, now()
      FROM "VisitWindow" w
      JOIN (SELECT DISTINCT ON (c."familyId") c."familyId", c.grade, c."className"
              FROM "Child" c WHERE c."schoolId" = ${to.schoolId}
             ORDER BY c."familyId", c."createdAt") fc
        ON fc.grade = ${to.grade} AND fc."className" = ${to.className}
     WHERE w."orgUnitId" = ${to.schoolId} AND w."endsOn" >= ${to.today}
    ON CONFLICT ("windowId", "familyId") DO UPDATE SET "teacherId" = EXCLUDED."teacherId"
     WHERE "VisitAssignment"."assignedById" IS NULL AND "VisitAssignment"."teacherId" <> EXCLUDED."teacherId"`;
}

/** The coordinator assigns one teacher to many families of a window (by hand: assignedById is set). */
export async function assignMany(
  db: Pick<Db, '$executeRaw'>,
  to: { windowId: string; teacherId: string; familyIds: string[]; actorId: string },
) {
  return db.$executeRaw`
    INSERT INTO "VisitAssignment" ("windowId", "familyId", "teacherId", "assignedById", "createdAt")
    SELECT ${to.windowId}, f, ${to.teacherId}, ${to.actorId}, now() FROM unnest(${to.familyIds}::text[]) AS f
    ON CONFLICT ("windowId", "familyId") DO UPDATE
       SET "teacherId" = EXCLUDED."teacherId", "assignedById" = EXCLUDED."assignedById"`;
}

/** Families of the school with a child at the school in one of the classes. */
export async function familiesInClasses(
  db: Pick<Db, '$queryRaw'>,
  schoolId: string,
  classes: { grade: string; className: string }[],
) {
  const rows = await db.$queryRaw<{ familyId: string }[]>`
    SELECT DISTINCT c."familyId" FROM "Child" c
      JOIN unnest(${classes.map((c) => c.grade)}::text[], ${classes.map((c) => c.className)}::text[]) AS k(grade, "className")
        ON k.grade = c.grade AND k."className" = c."className"
     WHERE c."schoolId" = ${schoolId}`;
  return rows.map((r) => r.familyId);
}
