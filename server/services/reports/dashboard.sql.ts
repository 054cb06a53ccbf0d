// Hand-written SQL of the dashboard, one named function per figure. Every statement takes the same filter:
// the subtree of the unit (an escaped LIKE pattern), the unit kinds counted, and the year's and semester's
// instants in China time.
import type { Db } from '../../db/create-db';
import type { RiskTier } from '../../shared/checklists';
import type { SessionKind } from '../../shared/sessions';
import type { VisitMode } from '../../shared/visits';
import { heldSessionSql, visitDoneSql } from './happened.sql';

export interface DashboardFilter {
  /** `subtreeLike(unit.path)`. */
  prefix: string;
  kinds: string[];
  year: number;
  from: Date;
  to: Date;
  semester: { from: Date; to: Date };
}

/** A monthly series: families first served, attendance (families per session), completed visits. */
export function monthlySeries(db: Db, f: DashboardFilter) {
  return db.$queryRaw<{ month: number; newlyServed: number; attendances: number; visits: number }[]>`
      WITH units AS (SELECT id FROM "OrgUnit" WHERE path LIKE ${f.prefix} AND kind = ANY(${f.kinds}::"OrgUnitKind"[])),
      m AS (SELECT generate_series(1, 12) AS month),
      served AS (
        SELECT extract(month FROM s."firstServedAt" AT TIME ZONE 'Asia/Shanghai')::int AS month, count(*)::int AS n
          FROM "FamilyServiceYear" s JOIN units ON units.id = s."orgUnitId" WHERE s.year = ${f.year} GROUP BY 1),
      att AS (
        SELECT extract(month FROM se."startsAt" AT TIME ZONE 'Asia/Shanghai')::int AS month, sum(se."attendedCount")::int AS n
          FROM "Session" se JOIN units ON units.id = se."orgUnitId"
         WHERE se.status <> 'CANCELLED' AND se."startsAt" >= ${f.from} AND se."startsAt" < ${f.to} GROUP BY 1),
      vis AS (
        SELECT extract(month FROM sl."startsAt" AT TIME ZONE 'Asia/Shanghai')::int AS month, count(*)::int AS n
          FROM "Visit" v JOIN "VisitSlot" sl ON sl.id = v."slotId" JOIN "VisitWindow" w ON w.id = v."windowId" JOIN units ON units.id = w."orgUnitId"
         WHERE ${visitDoneSql('v', 'sl')} AND sl."startsAt" >= ${f.from} AND sl."startsAt" < ${f.to} GROUP BY 1)
      SELECT m.month, coalesce(served.n, 0)::int AS "newlyServed", coalesce(att.n, 0)::int AS attendances, coalesce(vis.n, 0)::int AS visits
        FROM m LEFT JOIN served USING (month) LEFT JOIN att USING (month) LEFT JOIN vis USING (month)
       ORDER BY m.month`;
}

/** Sessions held, by kind, and how many of them carried mental-health guidance. */
export function sessionsByKind(db: Db, f: DashboardFilter) {
  return db.$queryRaw<{ kind: SessionKind; sessions: number; mentalHealth: number }[]>`
      SELECT s.kind::text AS kind, count(*)::int AS sessions, (count(*) FILTER (WHERE s."mentalHealth"))::int AS "mentalHealth"
        FROM "Session" s JOIN "OrgUnit" o ON o.id = s."orgUnitId"
       WHERE o.path LIKE ${f.prefix} AND o.kind = ANY(${f.kinds}::"OrgUnitKind"[]) AND s."startsAt" >= ${f.from} AND s."startsAt" < ${f.to} AND ${heldSessionSql('s')}
       GROUP BY 1 ORDER BY 1`;
}

/** Completed home visits by mode (home, phone, video). */
export function visitsByMode(db: Db, f: DashboardFilter) {
  return db.$queryRaw<{ mode: VisitMode; visits: number }[]>`
      SELECT v.mode::text AS mode, count(*)::int AS visits
        FROM "Visit" v JOIN "VisitSlot" sl ON sl.id = v."slotId" JOIN "VisitWindow" w ON w.id = v."windowId" JOIN "OrgUnit" o ON o.id = w."orgUnitId"
       WHERE o.path LIKE ${f.prefix} AND o.kind = ANY(${f.kinds}::"OrgUnitKind"[]) AND ${visitDoneSql('v', 'sl')} AND sl."startsAt" >= ${f.from} AND sl."startsAt" < ${f.to}
       GROUP BY 1 ORDER BY 1`;
}

/** Checklist results by tier (the caller withholds small cells). */
export function checklistTiers(db: Db, f: DashboardFilter) {
  return db.$queryRaw<{ tier: RiskTier; responses: number }[]>`
      SELECT r.tier::text AS tier, count(*)::int AS responses
        FROM "ChecklistResponse" r JOIN "Family" f ON f.id = r."familyId" JOIN "OrgUnit" o ON o.id = f."orgUnitId"
       WHERE o.path LIKE ${f.prefix} AND o.kind = ANY(${f.kinds}::"OrgUnitKind"[]) AND r."createdAt" >= ${f.from} AND r."createdAt" < ${f.to}
       GROUP BY 1 ORDER BY 1`;
}

/** Guidance sites, and those that held a mental-health session with families present. */
export function guidanceSiteShare(db: Db, f: DashboardFilter) {
  return db.$queryRaw<{ sites: number; active: number }[]>`
      SELECT count(*)::int AS sites,
             (count(*) FILTER (WHERE EXISTS (
               SELECT 1 FROM "Session" s
                WHERE s."orgUnitId" = o.id AND s."mentalHealth" AND s."attendedCount" > 0 AND s.status <> 'CANCELLED' AND s."startsAt" >= ${f.from} AND s."startsAt" < ${f.to})))::int AS active
        FROM "OrgUnit" o WHERE o.path LIKE ${f.prefix} AND o.kind = 'COMMUNITY_SITE' AND 'COMMUNITY_SITE' = ANY(${f.kinds}::text[])`;
}

/** Schools with neither a mental-health session nor a completed visit in the semester. */
export function schoolsWithoutActivity(db: Db, f: DashboardFilter) {
  return db.$queryRaw<{ id: string; name: string; countyName: string }[]>`
      SELECT o.id, o.name, p.name AS "countyName"
        FROM "OrgUnit" o JOIN "OrgUnit" p ON p.id = o."parentId"
       WHERE o.path LIKE ${f.prefix} AND o.kind = 'SCHOOL' AND 'SCHOOL' = ANY(${f.kinds}::text[])
         AND NOT EXISTS (SELECT 1 FROM "Session" s WHERE s."orgUnitId" = o.id AND s."mentalHealth" AND ${heldSessionSql('s')} AND s."startsAt" >= ${f.semester.from} AND s."startsAt" < ${f.semester.to})
         AND NOT EXISTS (SELECT 1 FROM "Visit" v JOIN "VisitWindow" w ON w.id = v."windowId" JOIN "VisitSlot" sl ON sl.id = v."slotId"
                          WHERE w."orgUnitId" = o.id AND ${visitDoneSql('v', 'sl')} AND sl."startsAt" >= ${f.semester.from} AND sl."startsAt" < ${f.semester.to})
       ORDER BY o.path LIMIT 200`;
}

/** How many schools and sites of the kinds counted hold families (one: the figures describe that one). */
export async function unitsCounted(db: Db, prefix: string, siteKind?: string) {
  const kinds = siteKind ? [siteKind] : ['SCHOOL', 'COMMUNITY_SITE'];
  const [row] = await db.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM "OrgUnit" o
       WHERE o.path LIKE ${prefix} AND o.kind = ANY(${kinds}::"OrgUnitKind"[])
         AND EXISTS (SELECT 1 FROM "Family" f WHERE f."orgUnitId" = o.id)`;
  return row?.n ?? 0;
}
