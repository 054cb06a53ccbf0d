// Hand-written SQL of the coverage report, one named function per statement (see coverage.ts for the rows
// built from them).
import type { Db } from '../../db/create-db';
import { heldSessionSql, visitDoneSql } from './happened.sql';
import { Prisma } from '../../generated/prisma/client';
import type { OrgUnitKind } from '../../shared/enums';
import { yearBounds } from '../../shared/china-time';
import { subtreeLike } from '../../shared/org-tree';
import { knownInYearSql } from '../families/known-households';
import type { ReportInput, ReportUnit, SiteKind } from './coverage';

/** The figures of one group of units, as counted (before suppression). */
export interface Raw {
  child: string;
  families: number;
  /** Households from class rosters, and households with a guardian in the app (parts of `families`). */
  enrolled: number;
  joined: number;
  served: number;
  sites: number;
  activeSites: number;
  sessions: number;
  attendances: number;
  visits: number;
  /** Schools and sites with families (filters included): a figure over one of them describes that one. */
  units: number;
  /** Schools and sites counted at all: with none, every figure is 0 by the tree itself. */
  leaves: number;
}

/**
 * The figures of the leaf units (schools and guidance sites) under `root`, grouped by their
 * ancestor at `groupDepth`, as one SQL statement (a `SELECT child, figures… GROUP BY child`). Served
 * families come from the per-family-per-year summary (FamilyServiceYear) and attendance from each
 * session's maintained count, so no attendance row is read.
 *
 * Each large table is grouped by unit first and only then joined to the units. Below the province the
 * groups are restricted to the subtree's units before grouping (an index scan per unit); for a whole
 * province (the root at depth 0) that restriction would only add a hash probe per row of every table, so the
 * tables are grouped whole and the join to the province's units does the filtering.
 */
function aggregateSql(
  root: Pick<ReportUnit, 'path' | 'depth'>,
  groupDepth: number,
  year: number,
  siteKind?: SiteKind,
): Prisma.Sql {
  const wholeTree = root.depth === 0;
  const { from, to } = yearBounds(year);
  const kinds = siteKind ? [siteKind] : ['SCHOOL', 'COMMUNITY_SITE'];
  // path "/a/b/c/" → split_part(path, '/', depth + 2) is the id at that depth.
  const segment = groupDepth + 2;
  const inSubtree = (column: Prisma.Sql) =>
    wholeTree ? Prisma.empty : Prisma.sql`AND ${column} IN (SELECT id FROM units)`;
  return Prisma.sql`
    WITH units AS (
      SELECT id, kind, split_part(path, '/', ${segment}::int) AS child
        FROM "OrgUnit"
       WHERE path LIKE ${subtreeLike(root.path)} AND kind = ANY(${kinds}::"OrgUnitKind"[])
    ),
    -- The households known in the year: on a roster or joined by then, and not gone (every rostered child left) before it.
    fam AS (
      SELECT f."orgUnitId" AS u, count(*)::int AS n, (count(*) FILTER (WHERE f."enrolledFrom" < ${to}))::int AS enrolled,
             -- (IN, not a correlated EXISTS: one hashed look-up table, and a cost estimate that does not
             -- send a 100 ms statement through PostgreSQL's JIT compiler for half a second.)
             (count(*) FILTER (WHERE f.id IN (SELECT g."familyId" FROM "Guardian" g)))::int AS joined
        FROM "Family" f
       WHERE ${knownInYearSql('f', year)} ${inSubtree(Prisma.sql`f."orgUnitId"`)}
       GROUP BY 1
    ),
    served AS (
      SELECT s."orgUnitId" AS u, count(*)::int AS n
        FROM "FamilyServiceYear" s JOIN "Family" f ON f.id = s."familyId"
       WHERE s.year = ${year} AND ${knownInYearSql('f', year)} ${inSubtree(Prisma.sql`s."orgUnitId"`)}
       GROUP BY 1
    ),
    ys AS (
      SELECT se."orgUnitId", se."mentalHealth", se."attendedCount", ${heldSessionSql('se')} AS held FROM "Session" se
       WHERE se."startsAt" >= ${from} AND se."startsAt" < ${to} AND se.status <> 'CANCELLED' ${inSubtree(Prisma.sql`se."orgUnitId"`)}
    ),
    -- Sessions held (published and begun), attendance (from each session's maintained count: attendance is
    -- taken only once it happened) and whether any mental-health session had families present.
    sess AS (
      SELECT "orgUnitId" AS u, (count(*) FILTER (WHERE held))::int AS n, sum("attendedCount")::int AS att,
             bool_or("mentalHealth" AND "attendedCount" > 0) AS mh FROM ys GROUP BY 1
    ),
    vis AS (
      SELECT w."orgUnitId" AS u, count(*)::int AS n
        FROM "Visit" v JOIN "VisitSlot" sl ON sl.id = v."slotId" JOIN "VisitWindow" w ON w.id = v."windowId"
       WHERE ${visitDoneSql('v', 'sl')} AND sl."startsAt" >= ${from} AND sl."startsAt" < ${to} ${inSubtree(Prisma.sql`w."orgUnitId"`)}
       GROUP BY 1
    )
    SELECT units.child,
           coalesce(sum(fam.n), 0)::int AS families,
           coalesce(sum(fam.enrolled), 0)::int AS enrolled,
           coalesce(sum(fam.joined), 0)::int AS joined,
           coalesce(sum(served.n), 0)::int AS served,
           (count(*) FILTER (WHERE units.kind = 'COMMUNITY_SITE'))::int AS sites,
           (count(*) FILTER (WHERE units.kind = 'COMMUNITY_SITE' AND sess.mh))::int AS "activeSites",
           coalesce(sum(sess.n), 0)::int AS sessions,
           coalesce(sum(sess.att), 0)::int AS attendances,
           coalesce(sum(vis.n), 0)::int AS visits,
           (count(*) FILTER (WHERE fam.n > 0))::int AS units,
           count(*)::int AS leaves
      FROM units
      LEFT JOIN fam ON fam.u = units.id
      LEFT JOIN served ON served.u = units.id
      LEFT JOIN sess ON sess.u = units.id
      LEFT JOIN vis ON vis.u = units.id
     GROUP BY units.child`;
}

/**
 * The unit's child units and their figures in one statement. Children without figures get zeros; figures
 * without a child row (a school's or site's own, when it is the unit asked for) count in the total only.
 */
export function childCoverageRows(db: Db, root: ReportUnit, input: ReportInput) {
  const onlyKind =
    input.siteKind && root.kind === 'COUNTY' ? Prisma.sql`AND c.kind::text = ${input.siteKind}` : Prisma.empty;
  return db.$queryRaw<(Raw & { id: string | null; name: string; kind: OrgUnitKind; code: string | null })[]>`
    SELECT c.id, c.name, c.kind::text AS kind, c.code,
           coalesce(a.families, 0)::int AS families, coalesce(a.enrolled, 0)::int AS enrolled, coalesce(a.joined, 0)::int AS joined,
           coalesce(a.served, 0)::int AS served, coalesce(a.sites, 0)::int AS sites,
           coalesce(a."activeSites", 0)::int AS "activeSites", coalesce(a.sessions, 0)::int AS sessions,
           coalesce(a.attendances, 0)::int AS attendances, coalesce(a.visits, 0)::int AS visits, coalesce(a.units, 0)::int AS units, coalesce(a.leaves, 0)::int AS leaves
      FROM (SELECT id, name, kind, code FROM "OrgUnit" c WHERE c."parentId" = ${root.id} ${onlyKind}) c
      FULL JOIN (${aggregateSql(root, root.depth + 1, input.year, input.siteKind)}) a ON a.child = c.id
     ORDER BY c.kind, c.code, c.name`;
}

/** The figures of every unit at `depth` below the root (for the workbook's sheet per level). */
export function levelCoverageRows(db: Db, root: ReportUnit, depth: number, input: ReportInput) {
  return db.$queryRaw<Raw[]>(aggregateSql(root, depth, input.year, input.siteKind));
}
