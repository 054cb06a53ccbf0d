import { targetsOn } from '../targets/targets';
import type { Db } from '../../db/create-db';
import { chinaInstant, chinaYear, semesterBounds, yearBounds } from '../../shared/china-time';
import { subtreeLike } from '../../shared/org-tree';
import { parentUnit } from '../org-units/parent-unit';
import { suppressColumn } from '../../shared/privacy';
import { RISK_TIERS } from '../../shared/checklists';
import { VISIT_MODES } from '../../shared/visits';
import { referralTable } from '../checklists/referral-stats';
import { coverageReport, isBelowCounty, type ReportInput, type ReportUnit } from './coverage';
import {
  checklistTiers,
  guidanceSiteShare,
  monthlySeries,
  schoolsWithoutActivity,
  sessionsByKind,
  unitsCounted,
  visitsByMode,
  type DashboardFilter,
} from './dashboard.sql';

/**
 * Everything on the dashboard besides the coverage table, aggregated in SQL: a monthly series,
 * sessions by kind, home visits by mode, checklist tiers (cells under 5 withheld), the active-station
 * share against its target (server/shared/targets.ts), and schools without any guidance activity this semester.
 */
export async function dashboard(opts: { db: Db; unit: ReportUnit; input: ReportInput; now?: Date }) {
  const { db, unit: root, input, now = new Date() } = opts;
  const { from, to } = yearBounds(input.year);
  const kinds = input.siteKind ? [input.siteKind] : ['SCHOOL', 'COMMUNITY_SITE'];
  const prefix = subtreeLike(root.path);
  // This semester for the current year; the autumn semester that ends a past year.
  const sem = semesterBounds(input.year < chinaYear(now) ? chinaInstant(`${input.year}-12-15`) : now);

  const f: DashboardFilter = { prefix, kinds, year: input.year, from, to, semester: sem };
  const [monthly, byKind, byMode, tiers, sites, idle, targets] = await Promise.all([
    monthlySeries(db, f),
    sessionsByKind(db, f),
    visitsByMode(db, f),
    checklistTiers(db, f),
    guidanceSiteShare(db, f),
    schoolsWithoutActivity(db, f),
    // The policy's target (60% of guidance stations by 2025), as in force at the year's start.
    targetsOn(db, `${input.year}-01-01`),
  ]);
  const s = sites[0] ?? { sites: 0, active: 0 };
  const modes = VISIT_MODES.map((mode) => ({ mode, visits: byMode.find((m) => m.mode === mode)?.visits ?? 0 }));
  const tierCounts = RISK_TIERS.map((tier) => tiers.find((t) => t.tier === tier)?.responses ?? 0);
  const people = await publishedSeries(db, root, input, {
    monthly,
    modes: modes.map((m) => m.visits),
    tiers: tierCounts,
  });
  return {
    orgUnitId: root.id,
    name: root.name,
    year: input.year,
    monthly: monthly.map((m, i) => ({
      month: m.month,
      newlyServed: people.newlyServed[i],
      attendances: people.attendances[i],
      visits: people.visits[i],
    })),
    sessionsByKind: byKind,
    homeVisitsByMode: modes.map((m, i) => ({ mode: m.mode, visits: people.modes[i] })),
    checklistTiers: RISK_TIERS.map((tier, i) => ({ tier, responses: people.tiers[i] })),
    guidanceSites: {
      sites: s.sites,
      active: s.active,
      share: s.sites === 0 ? 0 : Math.round((s.active / s.sites) * 10_000) / 10_000,
      target: targets.ACTIVE_SITE_SHARE,
    },
    semester: sem.label,
    schoolsWithoutActivity: idle,
  };
}

/**
 * The series of counts of people, as published. Over a region (more than one school or site, filters
 * included) they are published whole, as the region's totals are. A dashboard that describes a single school
 * or site suppresses each series (shared/privacy): small cells, and complementary ones, since the series
 * adds up to the unit's yearly figure. Where the coverage report of the unit's parent withholds that yearly
 * figure, the series must not give it back either; and the unit's checklist tiers hide at least the cells
 * its parent's checklist statistics hide.
 */
async function publishedSeries(
  db: Db,
  root: ReportUnit,
  input: ReportInput,
  series: {
    monthly: { newlyServed: number; attendances: number; visits: number }[];
    modes: number[];
    tiers: number[];
  },
) {
  const single = isBelowCounty(root.kind) || (await unitsCounted(db, subtreeLike(root.path), input.siteKind)) === 1;
  const pick = (k: 'newlyServed' | 'attendances' | 'visits') => series.monthly.map((m) => m[k]);
  if (!single) {
    return { newlyServed: pick('newlyServed'), attendances: pick('attendances'), visits: pick('visits'), ...series };
  }
  const { withheld } = await coverageReport({ db, unit: root, input });
  const parent = await parentUnit(db, root.path);
  const row = parent
    ? (await referralTable(db, parent, input.year)).units.find((u) => u.orgUnitId === root.id)
    : undefined;
  return {
    newlyServed: suppressColumn(pick('newlyServed'), true, { totalWithheld: withheld.served }),
    attendances: suppressColumn(pick('attendances'), true, { totalWithheld: withheld.attendances }),
    visits: suppressColumn(pick('visits'), true, { totalWithheld: withheld.visits }),
    modes: suppressColumn(series.modes, true, { totalWithheld: withheld.visits }),
    tiers: suppressColumn(series.tiers, true, { forced: RISK_TIERS.map((t) => row?.shown[t] === null) }),
  };
}
