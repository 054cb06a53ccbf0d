import type { Db } from '../../db/create-db';
import { chinaInstant, chinaYear, semesterBounds, yearBounds } from '../../shared/china-time';
import { subtreeLike } from '../../shared/org-tree';
import { suppressSmallIf } from '../../shared/privacy';
import { RISK_TIERS } from '../../shared/checklists';
import { isBelowCounty, type ReportInput, type ReportUnit } from './coverage';
import {
  checklistTiers,
  guidanceSiteShare,
  monthlySeries,
  schoolsWithoutActivity,
  sessionsByKind,
  visitsByMode,
  type DashboardFilter,
} from './dashboard.sql';

/** The policy's target: 60% of family-education guidance stations run mental-health education (by 2025). */
export const ACTIVE_SITE_TARGET = 0.6;

/**
 * Everything on the dashboard besides the coverage table, aggregated in SQL: a monthly series,
 * sessions by kind, home visits by mode, checklist tiers (cells under 5 withheld), the active-station
 * share against the 60% target, and schools without any guidance activity this semester.
 */
export async function dashboard(opts: { db: Db; unit: ReportUnit; input: ReportInput; now?: Date }) {
  const { db, unit: root, input, now = new Date() } = opts;
  const { from, to } = yearBounds(input.year);
  const kinds = input.siteKind ? [input.siteKind] : ['SCHOOL', 'COMMUNITY_SITE'];
  const prefix = subtreeLike(root.path);
  // This semester for the current year; the autumn semester that ends a past year.
  const sem = semesterBounds(input.year < chinaYear(now) ? chinaInstant(`${input.year}-12-15`) : now);

  const f: DashboardFilter = { prefix, kinds, year: input.year, from, to, semester: sem };
  const [monthly, byKind, byMode, tiers, sites, idle] = await Promise.all([
    monthlySeries(db, f),
    sessionsByKind(db, f),
    visitsByMode(db, f),
    checklistTiers(db, f),
    guidanceSiteShare(db, f),
    schoolsWithoutActivity(db, f),
  ]);
  const s = sites[0] ?? { sites: 0, active: 0 };
  return {
    orgUnitId: root.id,
    name: root.name,
    year: input.year,
    monthly,
    sessionsByKind: byKind,
    homeVisitsByMode: byMode,
    checklistTiers: RISK_TIERS.map((tier) => {
      const n = tiers.find((t) => t.tier === tier)?.responses ?? 0;
      return { tier, responses: suppressSmallIf(isBelowCounty(root.kind), n) };
    }),
    guidanceSites: {
      sites: s.sites,
      active: s.active,
      share: s.sites === 0 ? 0 : Math.round((s.active / s.sites) * 10_000) / 10_000,
      target: ACTIVE_SITE_TARGET,
    },
    semester: sem.label,
    schoolsWithoutActivity: idle,
  };
}
