import type { Db } from '../../db/create-db';
import type { Actor } from '../../auth/auth-user';
import { writeAudit } from '../audit/write-audit';
import { RISK_TIERS, type RiskTier } from '../../shared/checklists';
import { yearBounds } from '../../shared/china-time';
import { subtreeLike } from '../../shared/org-tree';
import { MIN_CELL_COUNT, suppressSmall } from '../../shared/privacy';
import type { ScopedUnit } from '../../trpc/procedures';

type TierCounts = Record<RiskTier, number | null>;

interface CountRow {
  unitId: string;
  kind: string;
  tier: string;
  n: number;
}

/**
 * For federation, committee and admin staff: counts of checklist results by tier, and of referrals,
 * for each unit directly below `orgUnitId` (a school counts for itself), in one calendar year.
 * Counted in SQL; no row about a child leaves the database, and counts under 5 are suppressed.
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

  const empty = (): Record<RiskTier, number> => ({ NONE: 0, WATCH: 0, CONTACT_SCHOOL: 0, URGENT: 0 });
  const byUnit = new Map<string, { tiers: Record<RiskTier, number>; referrals: number }>();
  const total = { tiers: empty(), referrals: 0 };
  for (const row of rows) {
    const entry = byUnit.get(row.unitId) ?? { tiers: empty(), referrals: 0 };
    byUnit.set(row.unitId, entry);
    if (row.kind === 'referral') {
      entry.referrals += row.n;
      total.referrals += row.n;
    } else {
      entry.tiers[row.tier as RiskTier] += row.n;
      total.tiers[row.tier as RiskTier] += row.n;
    }
  }
  const shown = (c: { tiers: Record<RiskTier, number>; referrals: number }) => ({
    tiers: Object.fromEntries(RISK_TIERS.map((t) => [t, suppressSmall(c.tiers[t])])) as TierCounts,
    referrals: suppressSmall(c.referrals),
  });
  return {
    orgUnitId: target.id,
    orgUnitName: target.name,
    year,
    minCount: MIN_CELL_COUNT,
    units: units.map((u) => ({
      orgUnitId: u.id,
      name: u.name,
      ...shown(byUnit.get(u.id) ?? { tiers: empty(), referrals: 0 }),
    })),
    total: shown(total),
  };
}
