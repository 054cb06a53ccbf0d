// Hand-written SQL of reports.compliance: the figures of every school and site under a unit against the
// policy targets, grouped by child unit (one statement), and the units below a target by name (another).
import type { Db } from '../../db/create-db';
import { Prisma } from '../../generated/prisma/client';
import type { OrgUnitKind } from '../../shared/enums';
import { yearBounds } from '../../shared/china-time';
import { subtreeLike } from '../../shared/org-tree';
import type { Targets } from '../../shared/targets';
import { knownInYearSql } from '../families/known-households';
import { heldSessionSql, visitDoneSql } from './happened.sql';
import type { ReportUnit } from './coverage';

export interface Period {
  year: number;
  semester: { from: Date; to: Date };
}

/** The figures of one group of schools and sites, as counted (before suppression). */
export interface ComplianceRaw {
  child: string;
  schools: number;
  schoolsMeeting: number;
  sites: number;
  sitesMeeting: number;
  activeSites: number;
  served: number;
  personTimes: number;
  specialGroup: number;
  specialVisited: number;
  /** Schools with households (a participation rate to measure), and those at the target. */
  participationSchools: number;
  participationMeeting: number;
  /** Schools and sites with households: a figure over one of them describes that one. */
  units: number;
  leaves: number;
}

/**
 * One row per school or site under `root`: its activities, households, services and special-group visits.
 * Each large table is grouped by unit first (restricted to the subtree's units), then joined to the units.
 */
function leavesSql(root: Pick<ReportUnit, 'path' | 'depth'>, groupDepth: number, p: Period, t: Targets) {
  const { from, to } = yearBounds(p.year);
  const { from: semFrom, to: semTo } = p.semester;
  const lo = from < semFrom ? from : semFrom;
  const hi = to > semTo ? to : semTo;
  const inSem = (c: Prisma.Sql) => Prisma.sql`${c} >= ${semFrom} AND ${c} < ${semTo}`;
  const inYear = (c: Prisma.Sql) => Prisma.sql`${c} >= ${from} AND ${c} < ${to}`;
  const start = Prisma.sql`se."startsAt"`;
  return Prisma.sql`
    units AS (
      SELECT id, kind, name, "parentId", split_part(path, '/', ${groupDepth + 2}::int) AS child
        FROM "OrgUnit"
       WHERE path LIKE ${subtreeLike(root.path)} AND kind IN ('SCHOOL', 'COMMUNITY_SITE')
    ),
    -- Activities: published (not drafts, not cancelled) and starting in the period, held or still to come;
    -- mental-health attendance (taken only once it happened) for the year's person-times and active sites.
    act AS (
      SELECT se."orgUnitId" AS u,
             (count(*) FILTER (WHERE se.status = 'PUBLISHED' AND ${inSem(start)}))::int AS sem,
             (count(*) FILTER (WHERE ${heldSessionSql('se')} AND ${inSem(start)}))::int AS "semHeld",
             (count(*) FILTER (WHERE se.status = 'PUBLISHED' AND ${inYear(start)}))::int AS yr,
             (count(*) FILTER (WHERE ${heldSessionSql('se')} AND ${inYear(start)}))::int AS "yrHeld",
             coalesce(bool_or(se."mentalHealth" AND se."attendedCount" > 0 AND ${inYear(start)}), false) AS mh,
             coalesce(sum(se."attendedCount") FILTER (WHERE se."mentalHealth" AND ${inYear(start)}), 0)::int AS "mhAtt"
        FROM "Session" se
       WHERE se.status <> 'CANCELLED' AND se."startsAt" >= ${lo} AND se."startsAt" < ${hi}
         AND se."orgUnitId" IN (SELECT id FROM units)
       GROUP BY 1
    ),
    fam AS (
      SELECT f."orgUnitId" AS u, count(*)::int AS n,
             (count(*) FILTER (WHERE cardinality(f."specialGroups") > 0))::int AS sg,
             (count(*) FILTER (WHERE cardinality(f."specialGroups") > 0 AND coalesce(vd.n, 0) >= ${t.SPECIAL_GROUP_SEMESTER_VISITS}))::int AS sgv
        FROM "Family" f
        LEFT JOIN (
          SELECT v."familyId", count(*)::int AS n
            FROM "Visit" v JOIN "VisitSlot" sl ON sl.id = v."slotId"
           WHERE ${visitDoneSql('v', 'sl')} AND ${inSem(Prisma.sql`sl."startsAt"`)}
           GROUP BY 1
        ) vd ON vd."familyId" = f.id
       WHERE ${knownInYearSql('f', p.year)} AND f."orgUnitId" IN (SELECT id FROM units)
       GROUP BY 1
    ),
    served AS (
      SELECT s."orgUnitId" AS u, count(*)::int AS n
        FROM "FamilyServiceYear" s JOIN "Family" f ON f.id = s."familyId"
       WHERE s.year = ${p.year} AND ${knownInYearSql('f', p.year)} AND s."orgUnitId" IN (SELECT id FROM units)
       GROUP BY 1
    ),
    vis AS (
      SELECT w."orgUnitId" AS u, count(*)::int AS n
        FROM "Visit" v JOIN "VisitSlot" sl ON sl.id = v."slotId" JOIN "VisitWindow" w ON w.id = v."windowId"
       WHERE ${visitDoneSql('v', 'sl')} AND ${inYear(Prisma.sql`sl."startsAt"`)} AND w."orgUnitId" IN (SELECT id FROM units)
       GROUP BY 1
    ),
    -- Participation: the unit's own households present at any of its activities of the semester.
    part AS (
      SELECT se."orgUnitId" AS u, count(DISTINCT a."familyId")::int AS n
        FROM "Attendance" a
        JOIN "Session" se ON se.id = a."sessionId"
        JOIN "Family" f ON f.id = a."familyId" AND f."orgUnitId" = se."orgUnitId"
       WHERE a.present AND se.status <> 'CANCELLED' AND ${inSem(start)} AND se."orgUnitId" IN (SELECT id FROM units)
       GROUP BY 1
    ),
    leaf AS (
      SELECT units.id, units.kind, units.name, units."parentId", units.child,
             coalesce(act.sem, 0) AS sem, coalesce(act."semHeld", 0) AS "semHeld",
             coalesce(act.yr, 0) AS yr, coalesce(act."yrHeld", 0) AS "yrHeld", coalesce(act.mh, false) AS mh,
             coalesce(fam.n, 0) AS families, coalesce(served.n, 0) AS served,
             coalesce(act."mhAtt", 0) + coalesce(vis.n, 0) AS "personTimes",
             coalesce(part.n, 0) AS participants, coalesce(fam.sg, 0) AS sg, coalesce(fam.sgv, 0) AS sgv
        FROM units
        LEFT JOIN act ON act.u = units.id
        LEFT JOIN fam ON fam.u = units.id
        LEFT JOIN served ON served.u = units.id
        LEFT JOIN vis ON vis.u = units.id
        LEFT JOIN part ON part.u = units.id
    )`;
}

/** A school at the participation target: households to measure, and at least the target's share present. */
const participationMet = (t: Targets) =>
  Prisma.sql`(leaf.families > 0 AND leaf.participants >= ${t.PARTICIPATION_RATE}::float8 * leaf.families)`;

/** The unit's child units and their figures in one statement; children without schools or sites get zeros. */
export function childComplianceRows(db: Db, root: ReportUnit, p: Period, t: Targets) {
  return db.$queryRaw<(ComplianceRaw & { id: string | null; name: string; kind: OrgUnitKind; code: string | null })[]>`
    WITH ${leavesSql(root, root.depth + 1, p, t)},
    grouped AS (
      SELECT child,
             (count(*) FILTER (WHERE kind = 'SCHOOL'))::int AS schools,
             (count(*) FILTER (WHERE kind = 'SCHOOL' AND sem >= ${t.SCHOOL_SEMESTER_ACTIVITIES}))::int AS "schoolsMeeting",
             (count(*) FILTER (WHERE kind = 'COMMUNITY_SITE'))::int AS sites,
             (count(*) FILTER (WHERE kind = 'COMMUNITY_SITE' AND yr >= ${t.SITE_YEAR_ACTIVITIES}))::int AS "sitesMeeting",
             (count(*) FILTER (WHERE kind = 'COMMUNITY_SITE' AND mh))::int AS "activeSites",
             sum(served)::int AS served, sum("personTimes")::int AS "personTimes",
             sum(sg)::int AS "specialGroup", sum(sgv)::int AS "specialVisited",
             (count(*) FILTER (WHERE kind = 'SCHOOL' AND families > 0))::int AS "participationSchools",
             (count(*) FILTER (WHERE kind = 'SCHOOL' AND ${participationMet(t)}))::int AS "participationMeeting",
             (count(*) FILTER (WHERE families > 0))::int AS units,
             count(*)::int AS leaves
        FROM leaf GROUP BY child
    )
    SELECT c.id, c.name, c.kind::text AS kind, c.code, g.child,
           coalesce(g.schools, 0) AS schools, coalesce(g."schoolsMeeting", 0) AS "schoolsMeeting",
           coalesce(g.sites, 0) AS sites, coalesce(g."sitesMeeting", 0) AS "sitesMeeting",
           coalesce(g."activeSites", 0) AS "activeSites", coalesce(g.served, 0) AS served,
           coalesce(g."personTimes", 0) AS "personTimes", coalesce(g."specialGroup", 0) AS "specialGroup",
           coalesce(g."specialVisited", 0) AS "specialVisited",
           coalesce(g."participationSchools", 0) AS "participationSchools",
           coalesce(g."participationMeeting", 0) AS "participationMeeting",
           coalesce(g.units, 0) AS units, coalesce(g.leaves, 0) AS leaves
      FROM (SELECT id, name, kind, code FROM "OrgUnit" WHERE "parentId" = ${root.id}) c
      FULL JOIN grouped g ON g.child = c.id
     ORDER BY c.kind, c.code, c.name`;
}

export interface GapRaw {
  id: string;
  name: string;
  kind: OrgUnitKind;
  parentName: string | null;
  sem: number;
  semHeld: number;
  yr: number;
  yrHeld: number;
  mh: boolean;
  families: number;
  participants: number;
  sg: number;
  sgv: number;
}

/** How many units below a target the answer names, at most (the counts stay exact). */
export const GAP_LIMIT = 300;

/**
 * The schools and sites below at least one target, by name (a federation must know which site is inactive),
 * with their parent's name. `below` counts every unit below each target (beyond the named ones).
 */
export async function gapRows(db: Db, root: ReportUnit, p: Period, t: Targets) {
  const belowSql = Prisma.sql`
        (leaf.kind = 'SCHOOL' AND leaf.sem < ${t.SCHOOL_SEMESTER_ACTIVITIES})
     OR (leaf.kind = 'COMMUNITY_SITE' AND (leaf.yr < ${t.SITE_YEAR_ACTIVITIES} OR NOT leaf.mh))
     OR (leaf.kind = 'SCHOOL' AND leaf.families > 0 AND NOT ${participationMet(t)})
     OR leaf.sgv < leaf.sg`;
  const rows = await db.$queryRaw<(GapRaw & { total: number })[]>`
    WITH ${leavesSql(root, root.depth + 1, p, t)}
    SELECT leaf.id, leaf.name, leaf.kind::text AS kind, parent.name AS "parentName", sem, "semHeld", yr, "yrHeld", mh,
           families, participants, sg, sgv, (count(*) OVER ())::int AS total
      FROM leaf LEFT JOIN "OrgUnit" parent ON parent.id = leaf."parentId"
     WHERE ${belowSql}
     ORDER BY parent.name, leaf.kind, leaf.name
     LIMIT ${GAP_LIMIT}`;
  return { rows, total: rows[0]?.total ?? 0 };
}
