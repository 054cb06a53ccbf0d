import type { Db } from '../../db/create-db';
import { AppError } from '../../errors/app-error';
import type { PriorityReason } from '../../shared/visits';

/**
 * Per class and for the school: families visited out of the total in the window, by mode, plus
 * the priority families with their status (unvisited first). Counted in SQL.
 */
export async function windowProgress(opts: { db: Db; input: { windowId: string } }) {
  const { db } = opts;
  const { windowId } = opts.input;
  const w = await db.visitWindow.findUnique({
    where: { id: windowId },
    select: { id: true, orgUnitId: true, title: true },
  });
  if (!w) throw new AppError('NOT_FOUND', '家访窗口不存在');
  const byClass = await db.$queryRaw<
    {
      grade: string;
      className: string | null;
      families: number;
      booked: number;
      visited: number;
      home: number;
      phone: number;
      video: number;
    }[]
  >`
    WITH fam AS (
      SELECT DISTINCT ON (c."familyId") c."familyId", c.grade, c."className"
        FROM "Child" c WHERE c."schoolId" = ${w.orgUnitId}
       ORDER BY c."familyId", c."createdAt"
    )
    SELECT fam.grade, fam."className",
           count(*)::int AS families,
           count(v.id) FILTER (WHERE v.status = 'BOOKED')::int AS booked,
           count(v.id) FILTER (WHERE v.status = 'COMPLETED')::int AS visited,
           count(v.id) FILTER (WHERE v.status = 'COMPLETED' AND v.mode = 'HOME')::int AS home,
           count(v.id) FILTER (WHERE v.status = 'COMPLETED' AND v.mode = 'PHONE')::int AS phone,
           count(v.id) FILTER (WHERE v.status = 'COMPLETED' AND v.mode = 'VIDEO')::int AS video
      FROM fam
      LEFT JOIN "Visit" v ON v."familyId" = fam."familyId" AND v."windowId" = ${windowId} AND v.status NOT IN ('CANCELLED', 'RESCHEDULED_BY_FAMILY')
     GROUP BY fam.grade, fam."className"
     ORDER BY fam.grade, fam."className"`;
  const priority = await db.$queryRaw<
    { familyId: string; reasons: PriorityReason[]; status: string | null; teacherId: string | null }[]
  >`
    SELECT p."familyId", array_agg(DISTINCT p.reason::text) AS reasons, max(v.status::text) AS status, max(a."teacherId") AS "teacherId"
      FROM "PriorityFlag" p
      LEFT JOIN "Visit" v ON v."familyId" = p."familyId" AND v."windowId" = ${windowId} AND v.status NOT IN ('CANCELLED', 'RESCHEDULED_BY_FAMILY')
      LEFT JOIN "VisitAssignment" a ON a."familyId" = p."familyId" AND a."windowId" = ${windowId}
     WHERE p."clearedAt" IS NULL AND p.reason <> 'CHECKLIST_REFERRAL'
       AND EXISTS (SELECT 1 FROM "Family" f WHERE f.id = p."familyId" AND (f."orgUnitId" = ${w.orgUnitId} OR EXISTS (SELECT 1 FROM "Child" c WHERE c."familyId" = f.id AND c."schoolId" = ${w.orgUnitId})))
     GROUP BY p."familyId"
     ORDER BY (max(v.status::text) = 'COMPLETED') NULLS FIRST, (max(v.status::text) = 'BOOKED') NULLS FIRST, p."familyId"`;
  const total = byClass.reduce(
    (t, r) => ({
      families: t.families + r.families,
      booked: t.booked + r.booked,
      visited: t.visited + r.visited,
      home: t.home + r.home,
      phone: t.phone + r.phone,
      video: t.video + r.video,
    }),
    { families: 0, booked: 0, visited: 0, home: 0, phone: 0, video: 0 },
  );
  return {
    windowId: w.id,
    title: w.title,
    classes: byClass,
    total,
    priority: priority.map((p) => ({
      familyId: p.familyId,
      reasons: p.reasons,
      status: (p.status ?? 'NOT_BOOKED') as 'NOT_BOOKED' | 'BOOKED' | 'COMPLETED' | 'NO_SHOW',
      teacherId: p.teacherId,
    })),
  };
}
