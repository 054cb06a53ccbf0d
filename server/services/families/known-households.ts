// Which households a year counts (one rule for the coverage report and the unserved list): known by the end
// of the year (on a roster, or joined), and not gone before it began (every rostered child left earlier).
// The semester ledger counts a semester by the same rule.
import { Prisma } from '../../generated/prisma/client';
import { yearBounds } from '../../shared/china-time';

/** The rule as a Prisma filter on Family. */
export function knownInYear(year: number) {
  const { from, to } = yearBounds(year);
  return { knownFrom: { lt: to }, OR: [{ enrolledUntil: null }, { enrolledUntil: { gte: from } }] };
}

/** The rule in SQL for any period (end exclusive), for the family table under `alias`. */
export function knownInPeriodSql(alias: string, period: { from: Date; to: Date }): Prisma.Sql {
  const f = Prisma.raw(`"${alias}"`);
  const { from, to } = period;
  return Prisma.sql`${f}."knownFrom" < ${to} AND (${f}."enrolledUntil" IS NULL OR ${f}."enrolledUntil" >= ${from})`;
}

/** The same rule in SQL, for the family table under `alias`. */
export function knownInYearSql(alias: string, year: number): Prisma.Sql {
  return knownInPeriodSql(alias, yearBounds(year));
}
