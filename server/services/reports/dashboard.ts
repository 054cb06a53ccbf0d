import type { Db } from '../../db/create-db';
import { chinaInstant, chinaYear, semesterBounds, yearBounds } from '../../shared/china-time';
import { subtreeLike } from '../../shared/org-tree';
import { suppressSmallIf } from '../../shared/privacy';
import { isBelowCounty, type ReportInput, type ReportUnit } from './coverage';

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

  const [monthly, byKind, byMode, tiers, sites, idle] = await Promise.all([
    db.$queryRaw<{ month: number; newlyServed: number; attendances: number; visits: number }[]>`
      WITH units AS (SELECT id FROM "OrgUnit" WHERE path LIKE ${prefix} AND kind = ANY(${kinds}::"OrgUnitKind"[])),
      m AS (SELECT generate_series(1, 12) AS month),
      served AS (
        SELECT extract(month FROM s."firstServedAt" AT TIME ZONE 'Asia/Shanghai')::int AS month, count(*)::int AS n
          FROM "FamilyServiceYear" s JOIN units ON units.id = s."orgUnitId" WHERE s.year = ${input.year} GROUP BY 1),
      att AS (
        SELECT extract(month FROM se."startsAt" AT TIME ZONE 'Asia/Shanghai')::int AS month, sum(se."attendedCount")::int AS n
          FROM "Session" se JOIN units ON units.id = se."orgUnitId"
         WHERE se.status <> 'CANCELLED' AND se."startsAt" >= ${from} AND se."startsAt" < ${to} GROUP BY 1),
      vis AS (
        SELECT extract(month FROM sl."startsAt" AT TIME ZONE 'Asia/Shanghai')::int AS month, count(*)::int AS n
          FROM "Visit" v JOIN "VisitSlot" sl ON sl.id = v."slotId" JOIN "VisitWindow" w ON w.id = v."windowId" JOIN units ON units.id = w."orgUnitId"
         WHERE v.status = 'COMPLETED' AND sl."startsAt" >= ${from} AND sl."startsAt" < ${to} GROUP BY 1)
      SELECT m.month, coalesce(served.n, 0)::int AS "newlyServed", coalesce(att.n, 0)::int AS attendances, coalesce(vis.n, 0)::int AS visits
        FROM m LEFT JOIN served USING (month) LEFT JOIN att USING (month) LEFT JOIN vis USING (month)
       ORDER BY m.month`,
    db.$queryRaw<{ kind: string; sessions: number; mentalHealth: number }[]>`
      SELECT s.kind::text AS kind, count(*)::int AS sessions, (count(*) FILTER (WHERE s."mentalHealth"))::int AS "mentalHealth"
        FROM "Session" s JOIN "OrgUnit" o ON o.id = s."orgUnitId"
       WHERE o.path LIKE ${prefix} AND o.kind = ANY(${kinds}::"OrgUnitKind"[]) AND s."startsAt" >= ${from} AND s."startsAt" < ${to} AND s.status <> 'CANCELLED'
       GROUP BY 1 ORDER BY 1`,
    db.$queryRaw<{ mode: string; visits: number }[]>`
      SELECT v.mode::text AS mode, count(*)::int AS visits
        FROM "Visit" v JOIN "VisitSlot" sl ON sl.id = v."slotId" JOIN "VisitWindow" w ON w.id = v."windowId" JOIN "OrgUnit" o ON o.id = w."orgUnitId"
       WHERE o.path LIKE ${prefix} AND o.kind = ANY(${kinds}::"OrgUnitKind"[]) AND v.status = 'COMPLETED' AND sl."startsAt" >= ${from} AND sl."startsAt" < ${to}
       GROUP BY 1 ORDER BY 1`,
    db.$queryRaw<{ tier: string; responses: number }[]>`
      SELECT r.tier::text AS tier, count(*)::int AS responses
        FROM "ChecklistResponse" r JOIN "Family" f ON f.id = r."familyId" JOIN "OrgUnit" o ON o.id = f."orgUnitId"
       WHERE o.path LIKE ${prefix} AND o.kind = ANY(${kinds}::"OrgUnitKind"[]) AND r."createdAt" >= ${from} AND r."createdAt" < ${to}
       GROUP BY 1 ORDER BY 1`,
    db.$queryRaw<{ sites: number; active: number }[]>`
      SELECT count(*)::int AS sites,
             (count(*) FILTER (WHERE EXISTS (
               SELECT 1 FROM "Session" s
                WHERE s."orgUnitId" = o.id AND s."mentalHealth" AND s."attendedCount" > 0 AND s.status <> 'CANCELLED' AND s."startsAt" >= ${from} AND s."startsAt" < ${to})))::int AS active
        FROM "OrgUnit" o WHERE o.path LIKE ${prefix} AND o.kind = 'COMMUNITY_SITE' AND 'COMMUNITY_SITE' = ANY(${kinds}::text[])`,
    db.$queryRaw<{ id: string; name: string; countyName: string }[]>`
      SELECT o.id, o.name, p.name AS "countyName"
        FROM "OrgUnit" o JOIN "OrgUnit" p ON p.id = o."parentId"
       WHERE o.path LIKE ${prefix} AND o.kind = 'SCHOOL' AND 'SCHOOL' = ANY(${kinds}::text[])
         AND NOT EXISTS (SELECT 1 FROM "Session" s WHERE s."orgUnitId" = o.id AND s."mentalHealth" AND s.status <> 'CANCELLED' AND s."startsAt" >= ${sem.from} AND s."startsAt" < ${sem.to})
         AND NOT EXISTS (SELECT 1 FROM "Visit" v JOIN "VisitWindow" w ON w.id = v."windowId" JOIN "VisitSlot" sl ON sl.id = v."slotId"
                          WHERE w."orgUnitId" = o.id AND v.status = 'COMPLETED' AND sl."startsAt" >= ${sem.from} AND sl."startsAt" < ${sem.to})
       ORDER BY o.path LIMIT 200`,
  ]);
  const s = sites[0] ?? { sites: 0, active: 0 };
  const tierOrder = ['NONE', 'WATCH', 'CONTACT_SCHOOL', 'URGENT'];
  return {
    orgUnitId: root.id,
    name: root.name,
    year: input.year,
    monthly,
    sessionsByKind: byKind,
    homeVisitsByMode: byMode,
    checklistTiers: tierOrder.map((tier) => {
      const n = tiers.find((t) => t.tier === tier)?.responses ?? 0;
      return { tier, responses: suppressSmallIf(isBelowCounty(root.kind), n) };
    }),
    guidanceSites: { sites: s.sites, active: s.active, share: s.sites === 0 ? 0 : Math.round((s.active / s.sites) * 10_000) / 10_000, target: ACTIVE_SITE_TARGET },
    semester: sem.label,
    schoolsWithoutActivity: idle,
  };
}
