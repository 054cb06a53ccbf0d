// Hand-written SQL of the families domain, one named function per statement.
import type { Prisma } from '../../generated/prisma/client';
import { byGradeAndClass } from '../../shared/grades';

type Tx = Prisma.TransactionClient;

export interface SchoolClass {
  grade: string;
  className: string;
}

/**
 * A school's (or site's) class list: the classes of its roster (students still there) and of its class invite
 * codes in use, each once, by grade and then class number.
 */
export async function schoolClassList(tx: Tx, schoolId: string): Promise<SchoolClass[]> {
  const rows = await tx.$queryRaw<SchoolClass[]>`
    SELECT grade, "className" FROM "Child"
     WHERE "schoolId" = ${schoolId} AND "enrolledAt" IS NOT NULL AND "leftAt" IS NULL AND "className" IS NOT NULL
    UNION
    SELECT grade, "className" FROM "InviteCode"
     WHERE "orgUnitId" = ${schoolId} AND kind = 'CLASS' AND NOT disabled AND grade IS NOT NULL AND "className" IS NOT NULL`;
  return rows.sort((a, b) => byGradeAndClass(a, b));
}

/**
 * Locks the family's row for a change of its guardians (leaving, deleting an account), so that two guardians
 * leaving at once cannot both find the other still there. NO KEY UPDATE: a registration or check-in of the
 * family (which only needs the row to exist) is not held up.
 */
export async function lockFamily(tx: Tx, familyId: string): Promise<void> {
  await tx.$queryRaw`SELECT id FROM "Family" WHERE id = ${familyId} FOR NO KEY UPDATE`;
}
