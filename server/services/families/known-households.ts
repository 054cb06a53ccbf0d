// Which households a year counts (one rule for the coverage report and the unserved list): known by the end
// of the year (on a roster, or joined), and not gone before it began (every rostered child left earlier).
import { Prisma } from '../../generated/prisma/client';
import { yearBounds } from '../../shared/china-time';

/** The rule as a Prisma filter on Family. */
export function knownInYear(year: number) {
  const { from, to } = yearBounds(year);
  return { knownFrom: { lt: to }, OR: [{ enrolledUntil: null }, { enrolledUntil: { gte: from } }] };
}

/** The same rule in SQL, for the family table under `alias`. */
export function knownInYearSql(alias: string, year: number): Prisma.Sql {
  const { from, to } = yearBounds(year);
  const f = Prisma.raw(`"${alias}"`);
  return Prisma.sql`${f}."knownFrom" < ${to} AND (${f}."enrolledUntil" IS NULL OR ${f}."enrolledUntil" >= ${from})`;
}
