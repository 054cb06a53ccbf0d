import type { Prisma } from '../../generated/prisma/client';
import { chinaYear } from '../../shared/china-time';

type Tx = Prisma.TransactionClient;

/**
 * Counts one family mental-health guidance service for the family in the year of `at`.
 * Must run in the transaction that records the attendance or the completed visit.
 */
export async function recordService(tx: Tx, familyId: string, at: Date): Promise<void> {
  await recordServices(tx, [familyId], at);
}

/** Takes one service back (an attendance corrected to absent); the row goes when none is left. */
export async function unrecordService(tx: Tx, familyId: string, at: Date): Promise<void> {
  const year = chinaYear(at);
  await tx.$executeRaw`UPDATE "FamilyServiceYear" SET "services" = "services" - 1 WHERE "familyId" = ${familyId} AND "year" = ${year}`;
  await tx.$executeRaw`DELETE FROM "FamilyServiceYear" WHERE "familyId" = ${familyId} AND "year" = ${year} AND "services" <= 0`;
}

/** The same for several families at once (a paper sign-in sheet): one service each in the year of `at`. */
export async function recordServices(tx: Tx, familyIds: string[], at: Date): Promise<void> {
  if (familyIds.length === 0) return;
  const year = chinaYear(at);
  await tx.$executeRaw`
    INSERT INTO "FamilyServiceYear" ("familyId", "year", "orgUnitId", "services", "firstServedAt", "lastServedAt")
    SELECT f.id, ${year}, f."orgUnitId", 1, ${at}, ${at} FROM "Family" f WHERE f.id = ANY(${familyIds}::text[])
    ON CONFLICT ("familyId", "year") DO UPDATE
       SET "services" = "FamilyServiceYear"."services" + 1,
           "firstServedAt" = LEAST("FamilyServiceYear"."firstServedAt", EXCLUDED."firstServedAt"),
           "lastServedAt" = GREATEST("FamilyServiceYear"."lastServedAt", EXCLUDED."lastServedAt")`;
}
