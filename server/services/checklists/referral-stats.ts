import type { Db } from '../../db/create-db';
import type { Actor } from '../../auth/auth-user';
import { writeAudit } from '../audit/write-audit';
import { RISK_TIERS, type RiskTier } from '../../shared/checklists';
import { yearBounds } from '../../shared/china-time';
import { subtreeLike } from '../../shared/org-tree';
import { parentUnit } from '../org-units/parent-unit';
import { isSmall, MIN_CELL_COUNT, suppressTable } from '../../shared/privacy';
import type { ScopedUnit } from '../../trpc/procedures';

type TierCounts = Record<RiskTier, number | null>;

interface CountRow {
  unitId: string;
  kind: string;
  tier: string;
  n: number;
}

const COLUMNS = [...RISK_TIERS, 'referrals'] as const;
type Column = (typeof COLUMNS)[number];
type Counts = Record<Column, number>;
type Shown = Record<Column, number | null>;
type StatsUnit = { id: string; name: string; path: string; depth: number };

const empty = (): Counts => ({ NONE: 0, WATCH: 0, CONTACT_SCHOOL: 0, URGENT: 0, referrals: 0 });

/** Counted in SQL, per unit directly below `target` (a school counts for itself). */
async function countsBelow(db: Db, target: StatsUnit, year: number) {
  const below = await db.orgUnit.findMany({
    where: { parentId: target.id },
    select: { id: true, name: true },
    orderBy: { id: 'asc' },
  });
  const units = below.length > 0 ? below : [{ id: target.id, name: target.name }];
  const { from, to } = yearBounds(year);
  const pattern = subtreeLike(target.path);
  // Path segment depth+3 is the id of the unit directly below the target ("/a/b/" has depth 1: split_part 4 is the child).
  const segment = target.depth + 3;
  const rows = await db.$queryRaw<CountRow[]>`
    SELECT COALESCE(NULLIF(split_part(s.path, '/', ${segment}::int), ''), ${target.id}) AS "unitId",
           'response' AS kind, r.tier::text AS tier, count(*)::int AS n
      FROM "ChecklistResponse" r
      JOIN "Child" c ON c.id = r."childId"
      JOIN "OrgUnit" s ON s.id = c."schoolId"
     WHERE s.path LIKE ${pattern} AND r."createdAt" >= ${from} AND r."createdAt" < ${to}
     GROUP BY 1, 3
    UNION ALL
    SELECT COALESCE(NULLIF(split_part(s.path, '/', ${segment}::int), ''), ${target.id}) AS "unitId",
           'referral' AS kind, f.tier::text AS tier, count(*)::int AS n
      FROM "Referral" f
      JOIN "OrgUnit" s ON s.id = f."schoolId"
     WHERE s.path LIKE ${pattern} AND f."createdAt" >= ${from} AND f."createdAt" < ${to}
     GROUP BY 1, 3`;
  const byUnit = new Map<string, Counts>();
  const total = empty();
  for (const row of rows) {
    const entry = byUnit.get(row.unitId) ?? empty();
    byUnit.set(row.unitId, entry);
    const column: Column = row.kind === 'referral' ? 'referrals' : (row.tier as RiskTier);
    entry[column] += row.n;
    total[column] += row.n;
  }
  return { units: units.map((u) => ({ ...u, counts: byUnit.get(u.id) ?? empty() })), total };
}

/**
 * The suppressed table below `target`. Every cell is a count about children's checklist results, so every
 * row is suppressed under 5 at any level, with complementary cells (shared/privacy). The target's own total
 * is withheld where the table of its parent withholds it, and where it is small: asking for a unit directly
 * gives back nothing that its parent's figures hide.
 */
export async function referralTable(db: Db, target: StatsUnit, year: number) {
  const { units, total } = await countsBelow(db, target, year);
  const parent = await parentUnit(db, target.path);
  const above = parent
    ? (await referralTable(db, parent, year)).units.find((u) => u.orgUnitId === target.id)
    : undefined;
  const withheld = Object.fromEntries(
    COLUMNS.map((c) => [c, isSmall(total[c]) || (above ? above.shown[c] === null : false)]),
  ) as Record<Column, boolean>;
  // A school asked for itself is its own only row: the row is the total.
  const own = units.length === 1 && units[0].id === target.id;
  const shown = own
    ? [Object.fromEntries(COLUMNS.map((c) => [c, withheld[c] ? null : total[c]])) as Shown]
    : suppressTable(
        units.map((u) => ({ sensitive: true, values: u.counts })),
        COLUMNS,
        withheld,
      );
  return {
    units: units.map((u, i) => ({ orgUnitId: u.id, name: u.name, shown: shown[i] })),
    total: Object.fromEntries(COLUMNS.map((c) => [c, withheld[c] ? null : total[c]])) as Shown,
  };
}

const asOutput = (s: Shown) => ({
  tiers: Object.fromEntries(RISK_TIERS.map((t) => [t, s[t]])) as TierCounts,
  referrals: s.referrals,
});

/**
 * For federation, committee and admin staff: counts of checklist results by tier, and of referrals,
 * for each unit directly below `orgUnitId` (a school counts for itself), in one calendar year.
 * Counted in SQL; no row about a child leaves the database, and small counts are suppressed.
 */
export async function referralStats(opts: { db: Db; actor: Actor; unit: ScopedUnit; input: { year: number } }) {
  const { db } = opts;
  const { year } = opts.input;
  // Figures about children's checklist results, even aggregated: who read them, for which region.
  await writeAudit(db, {
    actorUserId: opts.actor.id,
    action: 'referral.statsRead',
    targetType: 'OrgUnit',
    targetId: opts.unit.id,
    detail: { year },
  });
  const target = await db.orgUnit.findUniqueOrThrow({
    where: { id: opts.unit.id },
    select: { id: true, name: true, path: true, depth: true },
  });
  const table = await referralTable(db, target, year);
  return {
    orgUnitId: target.id,
    orgUnitName: target.name,
    year,
    minCount: MIN_CELL_COUNT,
    units: table.units.map((u) => ({ orgUnitId: u.orgUnitId, name: u.name, ...asOutput(u.shown) })),
    total: asOutput(table.total),
  };
}
