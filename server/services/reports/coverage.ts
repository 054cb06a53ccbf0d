import type { Db } from '../../db/create-db';
import type { OrgUnitKind } from '../../shared/enums';
import { subtreeWhere } from '../../shared/org-tree';
import { suppressSmallIf } from '../../shared/privacy';
import { childCoverageRows, levelCoverageRows, type Raw } from './coverage.sql';

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

/** The unit a report is about (the scope check has found it). */
export interface ReportUnit {
  id: string;
  name: string;
  kind: OrgUnitKind;
  path: string;
  depth: number;
  code: string | null;
}

export interface ReportInput {
  year: number;
  siteKind?: SiteKind;
}

/** Small cells below county level could identify families: they are withheld. */
export const isBelowCounty = (kind: OrgUnitKind) => kind === 'SCHOOL' || kind === 'COMMUNITY_SITE';

function counts(r: Raw | undefined, suppress: boolean): CoverageCounts {
  const v = (n: number) => suppressSmallIf(suppress, n);
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

/** The contract's reports.coverage: one row per child unit, and the total for the unit itself. */
export async function coverageReport(opts: { db: Db; unit: ReportUnit; input: ReportInput }) {
  const { db, unit: root, input } = opts;
  const raw = await childCoverageRows(db, root, input);
  const rows: CoverageRow[] = raw.flatMap((c) =>
    c.id === null
      ? []
      : [{ orgUnitId: c.id, name: c.name, kind: c.kind, code: c.code, ...counts(c, isBelowCounty(c.kind)) }],
  );
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
    total: {
      orgUnitId: root.id,
      name: root.name,
      kind: root.kind,
      code: root.code,
      ...counts(sum, isBelowCounty(root.kind)),
    },
  };
}

/** Every level below `orgUnitId` down to schools and sites (for the workbook's sheet per level). */
export async function coverageByLevel(opts: { db: Db; unit: ReportUnit; input: ReportInput }) {
  const { db, unit: root, input } = opts;
  const levels: { depth: number; rows: CoverageRow[] }[] = [];
  for (let depth = root.depth + 1; depth <= 3; depth += 1) {
    const [units, raw] = await Promise.all([
      db.orgUnit.findMany({
        where: {
          depth,
          ...subtreeWhere(root.path),
          ...(depth === 3 && input.siteKind ? { kind: input.siteKind } : {}),
        },
        select: { id: true, name: true, kind: true, code: true, parent: { select: { name: true } } },
        orderBy: [{ path: 'asc' }],
      }),
      levelCoverageRows(db, root, depth, input),
    ]);
    const byChild = new Map(raw.map((r) => [r.child, r]));
    levels.push({
      depth,
      rows: units.map((u) => ({
        orgUnitId: u.id,
        name: u.name,
        kind: u.kind,
        code: u.code,
        parentName: u.parent?.name ?? '',
        ...counts(byChild.get(u.id), isBelowCounty(u.kind)),
      })),
    });
  }
  return { root, levels };
}
