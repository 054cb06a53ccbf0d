// reports.compliance: what the bureau and the federation must prove, measured per child unit against the
// policy targets in force (server/shared/targets.ts), with the units below each target by name.
import type { Db } from '../../db/create-db';
import type { OrgUnitKind } from '../../shared/enums';
import { chinaDay, semesterBounds, semesterOfKey } from '../../shared/china-time';
import { isSmall, suppressTable } from '../../shared/privacy';
import { targetText, type ComplianceInput, type TargetKey, type Targets } from '../../shared/targets';
import { parentUnit } from '../org-units/parent-unit';
import { targetsOn } from '../targets/targets';
import { describesOne, isBelowCounty, type ReportUnit } from './coverage';
import { childComplianceRows, gapRows, type ComplianceRaw, type GapRaw, type Period } from './compliance.sql';

export interface ComplianceCounts {
  schools: number;
  schoolsMeetingSemesterTarget: number;
  sites: number;
  sitesMeetingYearTarget: number;
  activeGuidanceSites: number;
  /** activeGuidanceSites / sites; null where there is no site to divide by. */
  activeSiteShare: number | null;
  servedFamilies: number | null;
  servicePersonTimes: number | null;
  specialGroupFamilies: number | null;
  specialGroupVisited: number | null;
  /** Schools with households, and those whose households took part at the target rate. */
  participationSchools: number;
  schoolsMeetingParticipationTarget: number;
}

export interface ComplianceRow extends ComplianceCounts {
  orgUnitId: string;
  name: string;
  kind: OrgUnitKind;
  code: string | null;
}

/** Counts of people: suppressed by the one rule of shared/privacy. Counts of units never are. */
const PEOPLE = ['served', 'personTimes', 'specialGroup', 'specialVisited'] as const;
type People = (typeof PEOPLE)[number];
type Withheld = Record<People, boolean>;
const NONE: Withheld = { served: false, personTimes: false, specialGroup: false, specialVisited: false };

const share = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000);

function published(r: ComplianceRaw, shown: Record<People, number | null>): ComplianceCounts {
  return {
    schools: r.schools,
    schoolsMeetingSemesterTarget: r.schoolsMeeting,
    sites: r.sites,
    sitesMeetingYearTarget: r.sitesMeeting,
    activeGuidanceSites: r.activeSites,
    activeSiteShare: share(r.activeSites, r.sites),
    servedFamilies: shown.served,
    servicePersonTimes: shown.personTimes,
    specialGroupFamilies: shown.specialGroup,
    specialGroupVisited: shown.specialVisited,
    participationSchools: r.participationSchools,
    schoolsMeetingParticipationTarget: r.participationMeeting,
  };
}

const ZERO: ComplianceRaw = {
  child: '',
  schools: 0,
  schoolsMeeting: 0,
  sites: 0,
  sitesMeeting: 0,
  activeSites: 0,
  served: 0,
  personTimes: 0,
  specialGroup: 0,
  specialVisited: 0,
  participationSchools: 0,
  participationMeeting: 0,
  units: 0,
  leaves: 0,
};

function sum(rows: ComplianceRaw[]): ComplianceRaw {
  const keys = Object.keys(ZERO).filter((k) => k !== 'child') as Exclude<keyof ComplianceRaw, 'child'>[];
  return rows.reduce<ComplianceRaw>((t, r) => {
    const next = { ...t };
    for (const k of keys) next[k] = t[k] + r[k];
    return next;
  }, ZERO);
}

/** The period a report measures, and the targets in force at its start (the year's and the semester's). */
export async function periodOf(db: Db, input: Pick<ComplianceInput, 'year' | 'semester'>) {
  const semester = input.semester ? semesterOfKey(input.semester) : semesterBounds(new Date());
  const [ofYear, ofSemester] = await Promise.all([
    targetsOn(db, `${input.year}-01-01`),
    targetsOn(db, chinaDay(semester.from)),
  ]);
  const targets: Targets = {
    SITE_YEAR_ACTIVITIES: ofYear.SITE_YEAR_ACTIVITIES,
    ACTIVE_SITE_SHARE: ofYear.ACTIVE_SITE_SHARE,
    SCHOOL_SEMESTER_ACTIVITIES: ofSemester.SCHOOL_SEMESTER_ACTIVITIES,
    PARTICIPATION_RATE: ofSemester.PARTICIPATION_RATE,
    SPECIAL_GROUP_SEMESTER_VISITS: ofSemester.SPECIAL_GROUP_SEMESTER_VISITS,
  };
  return { period: { year: input.year, semester } satisfies Period, semester, targets };
}

async function complianceTable(db: Db, root: ReportUnit, p: Period, t: Targets) {
  const raw = await childComplianceRows(db, root, p, t);
  const total = sum(raw);
  const listed = raw.flatMap((c) => (c.id === null ? [] : [{ ...c, id: c.id }]));
  const withheld = await withheldTotal(db, root, p, t, total);
  const cells = listed.map((r) => ({
    sensitive: describesOne(r.kind, r.units),
    values: r,
    fixed: !isBelowCounty(r.kind) && r.leaves === 0,
  }));
  const shown = suppressTable(cells, PEOPLE, withheld, { specialVisited: 'specialGroup' });
  const shownTotal = Object.fromEntries(PEOPLE.map((k) => [k, withheld[k] ? null : total[k]])) as Record<
    People,
    number | null
  >;
  return {
    rows: listed.map((c, i): ComplianceRow => ({
      orgUnitId: c.id,
      name: c.name,
      kind: c.kind,
      code: c.code,
      ...published(c, shown[i]),
    })),
    total: published(total, shownTotal),
  };
}

/**
 * A total that describes a single school or site is withheld where it is small, and where its parent's table
 * withholds it (asking for the unit itself gives back nothing its parent's report hides). A region's stays exact.
 */
async function withheldTotal(db: Db, root: ReportUnit, p: Period, t: Targets, total: ComplianceRaw) {
  if (!describesOne(root.kind, total.units)) return NONE;
  const parent = await parentUnit(db, root.path);
  const row = parent ? (await complianceTable(db, parent, p, t)).rows.find((r) => r.orgUnitId === root.id) : undefined;
  const above: Withheld = row
    ? {
        served: row.servedFamilies === null,
        personTimes: row.servicePersonTimes === null,
        specialGroup: row.specialGroupFamilies === null,
        specialVisited: row.specialGroupVisited === null,
      }
    : NONE;
  return Object.fromEntries(PEOPLE.map((k) => [k, isSmall(total[k]) || above[k]])) as Withheld;
}

export interface Shortfall {
  target: TargetKey;
  text: string;
}

/** What a school or site below target still needs, in words (counts of people only where publishable). */
function shortfalls(g: GapRaw, t: Targets): Shortfall[] {
  const out: Shortfall[] = [];
  if (g.kind === 'SCHOOL' && g.sem < t.SCHOOL_SEMESTER_ACTIVITIES)
    out.push({
      target: 'SCHOOL_SEMESTER_ACTIVITIES',
      text: `本学期已安排 ${g.sem} 场（已开展 ${g.semHeld} 场），目标 ${t.SCHOOL_SEMESTER_ACTIVITIES} 场，还差 ${t.SCHOOL_SEMESTER_ACTIVITIES - g.sem} 场`,
    });
  if (g.kind === 'COMMUNITY_SITE' && g.yr < t.SITE_YEAR_ACTIVITIES)
    out.push({
      target: 'SITE_YEAR_ACTIVITIES',
      text: `本年已安排 ${g.yr} 场（已开展 ${g.yrHeld} 场），目标 ${t.SITE_YEAR_ACTIVITIES} 场，还差 ${t.SITE_YEAR_ACTIVITIES - g.yr} 场`,
    });
  if (g.kind === 'COMMUNITY_SITE' && !g.mh)
    out.push({ target: 'ACTIVE_SITE_SHARE', text: '本年尚未开展有家庭到场的心理健康教育活动' });
  if (g.kind === 'SCHOOL' && g.families > 0 && g.participants < t.PARTICIPATION_RATE * g.families) {
    const goal = targetText('PARTICIPATION_RATE', t.PARTICIPATION_RATE);
    const missing = Math.ceil(t.PARTICIPATION_RATE * g.families - 1e-9) - g.participants;
    out.push({
      target: 'PARTICIPATION_RATE',
      text:
        isSmall(g.participants) || isSmall(g.families)
          ? `本学期家长参与率低于 ${goal}（人数较少，具体数字不公开）`
          : `本学期家长参与率 ${targetText('PARTICIPATION_RATE', g.participants / g.families)}，目标 ${goal}，还需约 ${missing} 户参加`,
    });
  }
  if (g.sgv < g.sg) {
    const missing = g.sg - g.sgv;
    out.push({
      target: 'SPECIAL_GROUP_SEMESTER_VISITS',
      text: isSmall(missing)
        ? '尚有特殊群体家庭本学期未完成家访（户数较少，不公开）'
        : `还有 ${missing} 户特殊群体家庭本学期未完成家访`,
    });
  }
  return out;
}

/** The contract's reports.compliance: one row per child unit, the total, the targets and the gap list. */
export async function complianceReport(opts: { db: Db; unit: ReportUnit; input: ComplianceInput }) {
  const { db, unit: root, input } = opts;
  const { period, semester, targets } = await periodOf(db, input);
  const [{ rows, total }, gaps] = await Promise.all([
    complianceTable(db, root, period, targets),
    gapRows(db, root, period, targets),
  ]);
  return {
    orgUnitId: root.id,
    name: root.name,
    kind: root.kind,
    year: input.year,
    semester: { key: semester.key, label: semester.label },
    targets,
    rows,
    total: { orgUnitId: root.id, name: root.name, kind: root.kind, code: root.code, ...total },
    gaps: {
      total: gaps.total,
      units: gaps.rows.map((g) => ({
        orgUnitId: g.id,
        name: g.name,
        kind: g.kind,
        parentName: g.parentName,
        shortfalls: shortfalls(g, targets),
      })),
    },
  };
}
