import type { Db } from '../../db/create-db';
import type { OrgUnitKind } from '../../shared/enums';
import { subtreeWhere } from '../../shared/org-tree';
import { parentUnit } from '../org-units/parent-unit';
import { isSmall, suppressTable } from '../../shared/privacy';
import { childCoverageRows, levelCoverageRows, type Raw } from './coverage.sql';
import { revisionsSince, signedFigures } from './sign-off';

export type SiteKind = 'SCHOOL' | 'COMMUNITY_SITE';

export interface CoverageCounts {
  /** Every known household: from the class rosters, and joined families not on a roster. */
  families: number | null;
  /** Households from class rosters. */
  enrolledFamilies: number | null;
  /** Households with at least one guardian in the app. */
  joinedFamilies: number | null;
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

/** Schools and sites: a figure about one of them is about few families. */
export const isBelowCounty = (kind: OrgUnitKind) => kind === 'SCHOOL' || kind === 'COMMUNITY_SITE';

/** A figure describes a single school or site: the unit is one, or (filters included) only one holds families. */
export const describesOne = (kind: OrgUnitKind, units: number) => isBelowCounty(kind) || units === 1;

/** The counts of people in a coverage row: suppressed together, by one rule (see shared/privacy). */
const PEOPLE = ['families', 'served', 'attendances', 'visits', 'enrolled', 'joined'] as const;
type People = (typeof PEOPLE)[number];
/** Suppressed first; the parts of `families` follow its cells (see suppressRows). */
const FIRST = ['families', 'served', 'attendances', 'visits'] as const;
const PARTS = ['enrolled', 'joined'] as const;
export type Withheld = Record<People, boolean>;

const NONE_WITHHELD: Withheld = {
  families: false,
  served: false,
  attendances: false,
  visits: false,
  enrolled: false,
  joined: false,
};

function published(r: Raw, shown: Record<People, number | null>): CoverageCounts {
  return {
    families: shown.families,
    enrolledFamilies: shown.enrolled,
    joinedFamilies: shown.joined,
    servedFamilies: shown.served,
    coverage:
      shown.families === null || shown.served === null
        ? null
        : r.families === 0
          ? 0
          : Math.round((r.served / r.families) * 10_000) / 10_000,
    // Counts of units and activities are never suppressed: a federation must see which site is inactive.
    guidanceSites: r.sites,
    activeGuidanceSites: r.activeSites,
    sessions: r.sessions,
    attendances: shown.attendances,
    homeVisitsDone: shown.visits,
  };
}

const shownIf = (r: Raw, withheld: Withheld) =>
  Object.fromEntries(PEOPLE.map((k) => [k, withheld[k] ? null : r[k]])) as Record<People, number | null>;

function sumRaw(raw: Raw[]): Raw {
  return raw.reduce<Raw>(
    (t, r) => ({
      child: '',
      families: t.families + r.families,
      enrolled: t.enrolled + r.enrolled,
      joined: t.joined + r.joined,
      served: t.served + r.served,
      sites: t.sites + r.sites,
      activeSites: t.activeSites + r.activeSites,
      sessions: t.sessions + r.sessions,
      attendances: t.attendances + r.attendances,
      visits: t.visits + r.visits,
      units: t.units + r.units,
      leaves: t.leaves + r.leaves,
    }),
    {
      child: '',
      families: 0,
      enrolled: 0,
      joined: 0,
      served: 0,
      sites: 0,
      activeSites: 0,
      sessions: 0,
      attendances: 0,
      visits: 0,
      units: 0,
      leaves: 0,
    },
  );
}

/**
 * Rows of one parent, suppressed against the parent's total (withheld or published). Households from rosters
 * and households in the app are parts of `families` (each at most `families`, together at least): where
 * `families` is withheld they are too, so no published part gives it back.
 */
function suppressRows<R extends Raw & { kind: OrgUnitKind }>(rows: R[], withheld: Withheld) {
  const cells = rows.map((r) => ({
    sensitive: describesOne(r.kind, r.units),
    values: r,
    fixed: !isBelowCounty(r.kind) && r.leaves === 0,
  }));
  const first = suppressTable(cells, FIRST, withheld, { served: 'families' });
  const parts = suppressTable(
    cells.map((c, i) => ({
      ...c,
      forced: { enrolled: first[i].families === null, joined: first[i].families === null },
    })),
    PARTS,
    withheld,
    { enrolled: 'families', joined: 'families' },
  );
  return rows.map((r, i) => published(r, { ...first[i], ...parts[i] }));
}

/**
 * The table of a unit's child units, suppressed. A total that describes a single school or site is withheld
 * where it is small, and where its parent's table withholds it: asking for the unit itself gives back nothing
 * its parent's report hides. A region's total stays exact.
 */
async function coverageTable(db: Db, root: ReportUnit, input: ReportInput) {
  const raw = await childCoverageRows(db, root, input);
  const sum = sumRaw(raw);
  const listed = raw.flatMap((c) => (c.id === null ? [] : [{ ...c, id: c.id }]));
  const withheld = await withheldTotal(db, root, input, sum);
  const shown = suppressRows(listed, withheld);
  return {
    rows: listed.map((c, i): CoverageRow => ({
      orgUnitId: c.id,
      name: c.name,
      kind: c.kind,
      code: c.code,
      ...shown[i],
    })),
    total: published(sum, shownIf(sum, withheld)),
    withheld,
  };
}

/** Which counts of people a published row withholds. */
function withheldOf(row: CoverageCounts): Withheld {
  return {
    families: row.families === null,
    enrolled: row.enrolledFamilies === null,
    joined: row.joinedFamilies === null,
    served: row.servedFamilies === null,
    attendances: row.attendances === null,
    visits: row.homeVisitsDone === null,
  };
}

async function withheldTotal(db: Db, root: ReportUnit, input: ReportInput, sum: Raw): Promise<Withheld> {
  // A region's total stays exact: federations report it.
  if (!describesOne(root.kind, sum.units)) return NONE_WITHHELD;
  const parent = await parentUnit(db, root.path);
  const row = parent ? (await coverageTable(db, parent, input)).rows.find((r) => r.orgUnitId === root.id) : undefined;
  const above = row ? withheldOf(row) : NONE_WITHHELD;
  return Object.fromEntries(PEOPLE.map((k) => [k, isSmall(sum[k]) || above[k]])) as Withheld;
}

/**
 * The contract's reports.coverage: one row per child unit, and the total for the unit itself. A year the unit
 * has signed off reads as signed, with the corrections made since (a site-kind filter reads live figures).
 */
export async function coverageReport(opts: { db: Db; unit: ReportUnit; input: ReportInput }) {
  const { db, unit, input } = opts;
  const signed = input.siteKind ? null : await signedFigures(db, unit.id, input.year);
  if (signed) {
    const { figures, ...signOff } = signed;
    return {
      ...(figures as Awaited<ReturnType<typeof liveCoverageReport>>),
      signOff,
      revisions: await revisionsSince(db, unit, input.year, signed.signedAt),
    };
  }
  return { ...(await liveCoverageReport(opts)), signOff: null, revisions: [] };
}

/** The figures as they are now (what a sign-off keeps). */
export async function liveCoverageReport(opts: { db: Db; unit: ReportUnit; input: ReportInput }) {
  const { db, unit: root, input } = opts;
  const { rows, total, withheld } = await coverageTable(db, root, input);
  return {
    orgUnitId: root.id,
    name: root.name,
    kind: root.kind,
    year: input.year,
    siteKind: input.siteKind ?? null,
    rows,
    total: { orgUnitId: root.id, name: root.name, kind: root.kind, code: root.code, ...total },
    withheld,
  };
}

/**
 * Every level below `orgUnitId` down to schools and sites (for the workbook's sheet per level). Each
 * level's rows are suppressed per parent, against the parent's cells on the level above: the same cells as
 * the parent's own report.
 */
export async function coverageByLevel(opts: { db: Db; unit: ReportUnit; input: ReportInput }) {
  const { db, unit: root, input } = opts;
  // The workbook's levels are computed now, so its summary is too (a signed year's page shows the signed figures).
  const report = await liveCoverageReport(opts);
  const { withheld } = report;
  let above = new Map<string, Withheld>([[root.id, withheld]]);
  const levels: { depth: number; rows: (CoverageRow & { parentName: string })[] }[] = [];
  for (let depth = root.depth + 1; depth <= 3; depth += 1) {
    const [units, raw] = await Promise.all([
      db.orgUnit.findMany({
        where: {
          depth,
          ...subtreeWhere(root.path),
          ...(depth === 3 && input.siteKind ? { kind: input.siteKind } : {}),
        },
        select: {
          id: true,
          name: true,
          kind: true,
          code: true,
          parentId: true,
          parent: { select: { name: true } },
        },
        orderBy: [{ path: 'asc' }],
      }),
      levelCoverageRows(db, root, depth, input),
    ]);
    const byChild = new Map(raw.map((r) => [r.child, r]));
    const zero = sumRaw([]);
    const groups = new Map<string, typeof units>();
    for (const u of units) {
      const group = groups.get(u.parentId ?? '');
      if (group) group.push(u);
      else groups.set(u.parentId ?? '', [u]);
    }
    const rows = new Map<string, CoverageRow & { parentName: string }>();
    const next = new Map<string, Withheld>();
    for (const [parentId, group] of groups) {
      const figures = group.map((u) => ({ ...(byChild.get(u.id) ?? zero), kind: u.kind }));
      const shown = suppressRows(figures, above.get(parentId) ?? NONE_WITHHELD);
      group.forEach((u, i) => {
        const row = {
          orgUnitId: u.id,
          name: u.name,
          kind: u.kind,
          code: u.code,
          parentName: u.parent?.name ?? '',
          ...shown[i],
        };
        rows.set(u.id, row);
        next.set(u.id, withheldOf(row));
      });
    }
    levels.push({ depth, rows: units.flatMap((u) => rows.get(u.id) ?? []) });
    above = next;
  }
  // The report of the unit itself (the workbook's summary sheet): computed once, here.
  return { root, levels, report };
}
