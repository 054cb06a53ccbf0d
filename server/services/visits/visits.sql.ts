// Hand-written SQL of the home-visits domain, one named function per statement.
import type { Db } from '../../db/create-db';

/**
 * Per window, how many slots the family could book now: those still to come, free, and of the teacher the
 * family is assigned to when it is (the same rule as openSlots in slots.ts).
 */
export async function openSlotCounts(db: Db, familyId: string, windowIds: string[], now: Date) {
  if (windowIds.length === 0) return new Map<string, number>();
  const rows = await db.$queryRaw<{ windowId: string; open: number }[]>`
    SELECT w.id AS "windowId", count(s.id)::int AS open
      FROM "VisitWindow" w
      LEFT JOIN "VisitAssignment" a ON a."windowId" = w.id AND a."familyId" = ${familyId}
      LEFT JOIN "VisitSlot" s ON s."windowId" = w.id AND s."startsAt" > ${now}
            AND (a."teacherId" IS NULL OR s."teacherId" = a."teacherId")
            AND NOT EXISTS (SELECT 1 FROM "Visit" v WHERE v."slotId" = s.id AND v.status <> 'CANCELLED')
     WHERE w.id = ANY(${windowIds}::text[])
     GROUP BY w.id`;
  return new Map(rows.map((r) => [r.windowId, r.open]));
}
