import type { Db } from '../../db/create-db';
import { AppError } from '../../errors/app-error';
import type { OrgUnitKind } from '../../shared/enums';

export type SiteKind = 'SCHOOL' | 'COMMUNITY_SITE';

export interface CoverageCounts {
  families: number | null;
  servedFamilies: number | null;
  coverage: number | null;
  guidanceSites: number | null;
  activeGuidanceSites: number | null;
  sessions: number | null;
  attendances: number | null;
  homeVisitsDone: number | null;
}

export interface CoverageRow extends CoverageCounts {
  orgUnitId: string;
  name: string;
  kind: OrgUnitKind;
  code: string | null;
}

/** The instants bounding a calendar year in China (UTC+8). */
export function yearBounds(year: number): { from: Date; to: Date } {
  return { from: new Date(`${year}-01-01T00:00:00+08:00`), to: new Date(`${year + 1}-01-01T00:00:00+08:00`) };
}

const BELOW_COUNTY: OrgUnitKind[] = ['SCHOOL', 'COMMUNITY_SITE'];
/** Small cells below county level could identify families: they are withheld. */
export const SUPPRESS_BELOW = 5;

interface Raw {
  child: string;
  families: number;
  served: number;
  sites: number;
  activeSites: number;
  sessions: number;
  attendances: number;
  visits: number;
}

function counts(r: Raw | undefined, suppress: boolean): CoverageCounts {
  const v = (n: number) => (suppress && n < SUPPRESS_BELOW ? null : n);
  const families = r?.families ?? 0;
  const served = r?.served ?? 0;
  const f = v(families);
  const s = v(served);
  return {
    families: f,
    servedFamilies: s,
    coverage: f === null || s === null ? null : families === 0 ? 0 : Math.round((served / families) * 10_000) / 10_000,
    guidanceSites: v(r?.sites ?? 0),
    activeGuidanceSites: v(r?.activeSites ?? 0),
    sessions: v(r?.sessions ?? 0),
    attendances: v(r?.attendances ?? 0),
    homeVisitsDone: v(r?.visits ?? 0),
  };
}

/**
 * Aggregates, in one SQL statement, the leaf units (schools and guidance sites) under `rootPath`
 * grouped by their ancestor at `groupDepth`. Served families come from the per-family-per-year
 * summary (FamilyServiceYear), so no attendance row is read to count families.
 */
async function aggregate(db: Db, rootPath: string, groupDepth: number, year: number, siteKind?: SiteKind): Promise<Raw[]> {
  const { from, to } = yearBounds(year);
  const kinds = siteKind ? [siteKind] : ['SCHOOL', 'COMMUNITY_SITE'];
  // path "/a/b/c/" → split_part(path, '/', depth + 2) is the id at that depth.
  const segment = groupDepth + 2;
  return db.$queryRaw<Raw[]>`
    WITH units AS (
      SELECT id, kind, split_part(path, '/', ${segment}::int) AS child
        FROM "OrgUnit"
       WHERE path LIKE ${`${rootPath}%`} AND kind::text = ANY(${kinds}::text[])
    ),
    -- Each figure is grouped by unit first (no join on the large tables), then mapped to the rows.
    fam AS (
      SELECT "orgUnitId" AS u, count(*)::int AS n FROM "Family" WHERE "orgUnitId" IN (SELECT id FROM units) GROUP BY 1
    ),
    served AS (
      SELECT "orgUnitId" AS u, count(*)::int AS n FROM "FamilyServiceYear" WHERE year = ${year} AND "orgUnitId" IN (SELECT id FROM units) GROUP BY 1
    ),
    ys AS (
      SELECT id, "orgUnitId", "mentalHealth", "attendedCount" FROM "Session"
       WHERE "startsAt" >= ${from} AND "startsAt" < ${to} AND status <> 'CANCELLED' AND "orgUnitId" IN (SELECT id FROM units)
    ),
    sess AS (SELECT "orgUnitId" AS u, count(*)::int AS n FROM ys GROUP BY 1),
    -- Attendance comes from each session's maintained count, not from the attendance rows.
    att AS (
      SELECT "orgUnitId" AS u, sum("attendedCount")::int AS n, bool_or("mentalHealth" AND "attendedCount" > 0) AS mh FROM ys GROUP BY 1
    ),
    vis AS (
      SELECT w."orgUnitId" AS u, count(*)::int AS n
        FROM "Visit" v JOIN "VisitSlot" sl ON sl.id = v."slotId" JOIN "VisitWindow" w ON w.id = v."windowId"
       WHERE v.status = 'COMPLETED' AND sl."startsAt" >= ${from} AND sl."startsAt" < ${to} AND w."orgUnitId" IN (SELECT id FROM units)
       GROUP BY 1
    )
    SELECT units.child,
           coalesce(sum(fam.n), 0)::int AS families,
           coalesce(sum(served.n), 0)::int AS served,
           (count(*) FILTER (WHERE units.kind = 'COMMUNITY_SITE'))::int AS sites,
           (count(*) FILTER (WHERE units.kind = 'COMMUNITY_SITE' AND att.mh))::int AS "activeSites",
           coalesce(sum(sess.n), 0)::int AS sessions,
           coalesce(sum(att.n), 0)::int AS attendances,
           coalesce(sum(vis.n), 0)::int AS visits
      FROM units
      LEFT JOIN fam ON fam.u = units.id
      LEFT JOIN served ON served.u = units.id
      LEFT JOIN sess ON sess.u = units.id
      LEFT JOIN att ON att.u = units.id
      LEFT JOIN vis ON vis.u = units.id
     GROUP BY units.child`;
}

export async function loadUnit(db: Db, orgUnitId: string) {
  const unit = await db.orgUnit.findUnique({ where: { id: orgUnitId }, select: { id: true, name: true, kind: true, path: true, depth: true, code: true } });
  if (!unit) throw new AppError('NOT_FOUND', '机构不存在');
  return unit;
}

/** The contract's reports.coverage: one row per child unit, and the total for the unit itself. */
export async function coverageReport(db: Db, input: { orgUnitId: string; year: number; siteKind?: SiteKind }) {
  const root = await loadUnit(db, input.orgUnitId);
  const [children, raw] = await Promise.all([
    db.orgUnit.findMany({
      where: { parentId: root.id, ...(input.siteKind && root.kind === 'COUNTY' ? { kind: input.siteKind } : {}) },
      select: { id: true, name: true, kind: true, code: true },
      orderBy: [{ kind: 'asc' }, { code: 'asc' }, { name: 'asc' }],
    }),
    aggregate(db, root.path, root.depth + 1, input.year, input.siteKind),
  ]);
  const byChild = new Map(raw.map((r) => [r.child, r]));
  const rows: CoverageRow[] = children.map((c) => ({
    orgUnitId: c.id,
    name: c.name,
    kind: c.kind,
    code: c.code,
    ...counts(byChild.get(c.id), BELOW_COUNTY.includes(c.kind)),
  }));
  const sum = raw.reduce<Raw>(
    (t, r) => ({
      child: '',
      families: t.families + r.families,
      served: t.served + r.served,
      sites: t.sites + r.sites,
      activeSites: t.activeSites + r.activeSites,
      sessions: t.sessions + r.sessions,
      attendances: t.attendances + r.attendances,
      visits: t.visits + r.visits,
    }),
    { child: '', families: 0, served: 0, sites: 0, activeSites: 0, sessions: 0, attendances: 0, visits: 0 },
  );
  return {
    orgUnitId: root.id,
    name: root.name,
    kind: root.kind,
    year: input.year,
    siteKind: input.siteKind ?? null,
    rows,
    total: { orgUnitId: root.id, name: root.name, kind: root.kind, code: root.code, ...counts(sum, BELOW_COUNTY.includes(root.kind)) },
  };
}

/** Every level below `orgUnitId` down to schools and sites (for the workbook's sheet per level). */
export async function coverageByLevel(db: Db, input: { orgUnitId: string; year: number; siteKind?: SiteKind }) {
  const root = await loadUnit(db, input.orgUnitId);
  const levels: { depth: number; rows: CoverageRow[] }[] = [];
  for (let depth = root.depth + 1; depth <= 3; depth += 1) {
    const [units, raw] = await Promise.all([
      db.orgUnit.findMany({
        where: { depth, path: { startsWith: root.path }, ...(depth === 3 && input.siteKind ? { kind: input.siteKind } : {}) },
        select: { id: true, name: true, kind: true, code: true, parent: { select: { name: true } } },
        orderBy: [{ path: 'asc' }],
      }),
      aggregate(db, root.path, depth, input.year, input.siteKind),
    ]);
    const byChild = new Map(raw.map((r) => [r.child, r]));
    levels.push({
      depth,
      rows: units.map((u) => ({ orgUnitId: u.id, name: u.name, kind: u.kind, code: u.code, parentName: u.parent?.name ?? '', ...counts(byChild.get(u.id), BELOW_COUNTY.includes(u.kind)) })),
    });
  }
  return { root, levels };
}
