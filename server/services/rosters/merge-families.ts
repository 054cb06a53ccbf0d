import type { Prisma } from '../../generated/prisma/client';
import { AppError } from '../../errors/app-error';
import { unrecordService } from '../sessions/service-year';
import { refreshEnrolment } from './enrolment';

type Tx = Prisma.TransactionClient;

const RANK: Record<string, number> = { CONFIRMED: 3, WAITLISTED: 2 };

/**
 * One household recorded twice (a parent who joined before the roster named the child, or a second guardian
 * who started a family of their own) becomes one: everything of `fromId` moves to `intoId`, which stays.
 * Every attendance, visit and service counts once: a session both attended counts one family present and one
 * service, a session both registered for keeps the better registration and frees the other seat; children of
 * the same name are one child (the answers about them follow). The caller runs it in its transaction, after
 * checking both families are the same unit's.
 */
export async function mergeFamilies(tx: Tx, fromId: string, intoId: string): Promise<{ children: number }> {
  if (fromId === intoId) throw new AppError('BAD_REQUEST', '不能把家庭与自己合并');
  // Both rows locked in one order, so two merges of the same pair cannot interleave.
  await tx.$queryRaw`SELECT id FROM "Family" WHERE id IN (${fromId}, ${intoId}) ORDER BY id FOR UPDATE`;

  // Attendance: a session both were present at counts once (the session's count and the year's service).
  const both = await tx.$queryRaw<{ sessionId: string; mentalHealth: boolean; startsAt: Date }[]>`
    SELECT a."sessionId", s."mentalHealth", s."startsAt"
      FROM "Attendance" a JOIN "Attendance" b ON b."sessionId" = a."sessionId" AND b."familyId" = ${intoId}
      JOIN "Session" s ON s.id = a."sessionId"
     WHERE a."familyId" = ${fromId} AND a.present AND b.present`;
  for (const d of both) {
    await tx.$executeRaw`UPDATE "Session" SET "attendedCount" = "attendedCount" - 1 WHERE id = ${d.sessionId}`;
    if (d.mentalHealth) await unrecordService(tx, fromId, d.startsAt);
  }
  // Of two rows for one session, the present one stays (an absent row of `into` gives way).
  await tx.$executeRaw`
    DELETE FROM "Attendance" b USING "Attendance" a
     WHERE b."familyId" = ${intoId} AND a."familyId" = ${fromId} AND a."sessionId" = b."sessionId" AND a.present AND NOT b.present`;
  await tx.$executeRaw`
    DELETE FROM "Attendance" a USING "Attendance" b
     WHERE a."familyId" = ${fromId} AND b."familyId" = ${intoId} AND a."sessionId" = b."sessionId"`;
  await tx.$executeRaw`UPDATE "Attendance" SET "familyId" = ${intoId} WHERE "familyId" = ${fromId}`;

  await tx.$executeRaw`
    INSERT INTO "FamilyServiceYear" ("familyId", year, "orgUnitId", services, "firstServedAt", "lastServedAt")
    SELECT ${intoId}, year, "orgUnitId", services, "firstServedAt", "lastServedAt"
      FROM "FamilyServiceYear" WHERE "familyId" = ${fromId} AND services > 0
    ON CONFLICT ("familyId", year) DO UPDATE
       SET services = "FamilyServiceYear".services + EXCLUDED.services,
           "firstServedAt" = LEAST("FamilyServiceYear"."firstServedAt", EXCLUDED."firstServedAt"),
           "lastServedAt" = GREATEST("FamilyServiceYear"."lastServedAt", EXCLUDED."lastServedAt")`;
  await tx.$executeRaw`DELETE FROM "FamilyServiceYear" WHERE "familyId" = ${fromId}`;

  // Registrations: of two for one session the better stays; the other's seat or waitlist place is given back.
  const pairs = await tx.$queryRaw<
    { sessionId: string; fromReg: string; fromStatus: string; intoReg: string; intoStatus: string }[]
  >`
    SELECT r."sessionId", r.id AS "fromReg", r.status::text AS "fromStatus", o.id AS "intoReg", o.status::text AS "intoStatus"
      FROM "Registration" r JOIN "Registration" o ON o."sessionId" = r."sessionId" AND o."familyId" = ${intoId}
     WHERE r."familyId" = ${fromId}`;
  const dropped = pairs.map((p) =>
    (RANK[p.fromStatus] ?? 1) > (RANK[p.intoStatus] ?? 1)
      ? { sessionId: p.sessionId, id: p.intoReg, status: p.intoStatus }
      : { sessionId: p.sessionId, id: p.fromReg, status: p.fromStatus },
  );
  if (dropped.length > 0)
    await tx.$executeRaw`DELETE FROM "Registration" WHERE id = ANY(${dropped.map((d) => d.id)}::text[])`;
  for (const d of dropped) {
    if (d.status === 'CONFIRMED')
      await tx.$executeRaw`UPDATE "Session" SET "confirmedCount" = "confirmedCount" - 1 WHERE id = ${d.sessionId}`;
    if (d.status === 'WAITLISTED')
      await tx.$executeRaw`UPDATE "Session" SET "waitlistedCount" = "waitlistedCount" - 1 WHERE id = ${d.sessionId}`;
  }
  await tx.$executeRaw`UPDATE "Registration" SET "familyId" = ${intoId} WHERE "familyId" = ${fromId}`;
  await tx.$executeRaw`
    DELETE FROM "SessionRating" a USING "SessionRating" b
     WHERE a."familyId" = ${fromId} AND b."familyId" = ${intoId} AND a."sessionId" = b."sessionId"`;
  await tx.$executeRaw`UPDATE "SessionRating" SET "familyId" = ${intoId} WHERE "familyId" = ${fromId}`;

  // Visits: one live visit per window; a booking gives way to the other household's completed or booked one.
  const clash = await tx.$queryRaw<{ fromStatus: string; intoStatus: string }[]>`
    SELECT a.status::text AS "fromStatus", b.status::text AS "intoStatus"
      FROM "Visit" a JOIN "Visit" b ON b."windowId" = a."windowId" AND b."familyId" = ${intoId} AND b.status <> 'CANCELLED'
     WHERE a."familyId" = ${fromId} AND a.status <> 'CANCELLED'`;
  if (clash.some((c) => c.fromStatus === 'COMPLETED' && c.intoStatus === 'COMPLETED'))
    throw new AppError('CONFLICT', '两个家庭在同一次家访中都已有完成的家访记录，无法合并，请联系管理员');
  await tx.$executeRaw`
    UPDATE "Visit" a SET status = 'CANCELLED'
      FROM "Visit" b
     WHERE a."windowId" = b."windowId" AND a.status <> 'CANCELLED' AND b.status <> 'CANCELLED'
       AND ((a."familyId" = ${fromId} AND b."familyId" = ${intoId} AND b.status = 'COMPLETED')
         OR (a."familyId" = ${intoId} AND b."familyId" = ${fromId} AND b.status = 'COMPLETED')
         OR (a."familyId" = ${fromId} AND b."familyId" = ${intoId} AND a.status <> 'COMPLETED'))`;
  await tx.$executeRaw`UPDATE "Visit" SET "familyId" = ${intoId} WHERE "familyId" = ${fromId}`;
  await tx.$executeRaw`
    DELETE FROM "VisitAssignment" a USING "VisitAssignment" b
     WHERE a."familyId" = ${fromId} AND b."familyId" = ${intoId} AND a."windowId" = b."windowId"`;
  await tx.$executeRaw`UPDATE "VisitAssignment" SET "familyId" = ${intoId} WHERE "familyId" = ${fromId}`;
  await tx.$executeRaw`UPDATE "PriorityFlag" SET "familyId" = ${intoId} WHERE "familyId" = ${fromId}`;
  await tx.$executeRaw`UPDATE "LessonCompletion" SET "familyId" = ${intoId} WHERE "familyId" = ${fromId}`;
  await tx.$executeRaw`UPDATE "InviteCode" SET "familyId" = ${intoId} WHERE "familyId" = ${fromId}`;
  await tx.$executeRaw`UPDATE "Guardian" SET "familyId" = ${intoId} WHERE "familyId" = ${fromId}`;

  // Children: one of the same name is one child (its answers follow); the others join the household.
  await tx.$executeRaw`
    UPDATE "ChecklistResponse" r SET "childId" = keep.id, "familyId" = ${intoId}
      FROM "Child" gone JOIN "Child" keep ON keep."familyId" = ${intoId} AND keep.name = gone.name
     WHERE gone."familyId" = ${fromId} AND r."childId" = gone.id`;
  await tx.$executeRaw`
    DELETE FROM "Child" gone USING "Child" keep
     WHERE gone."familyId" = ${fromId} AND keep."familyId" = ${intoId} AND keep.name = gone.name`;
  const moved = await tx.$executeRaw`UPDATE "Child" SET "familyId" = ${intoId} WHERE "familyId" = ${fromId}`;
  await tx.$executeRaw`UPDATE "ChecklistResponse" SET "familyId" = ${intoId} WHERE "familyId" = ${fromId}`;

  // The household is known from the earlier of the two; it keeps its own roster key and contact (a contact is
  // sealed to its row, and a roster household's is the school's).
  await tx.$executeRaw`
    UPDATE "Family" f SET "knownFrom" = LEAST(f."knownFrom", g."knownFrom"),
           "enrolledFrom" = coalesce(f."enrolledFrom", g."enrolledFrom")
      FROM "Family" g WHERE f.id = ${intoId} AND g.id = ${fromId}`;
  await tx.$executeRaw`DELETE FROM "Family" WHERE id = ${fromId}`;
  await refreshEnrolment(tx, [intoId], new Date());
  return { children: Number(moved) };
}
