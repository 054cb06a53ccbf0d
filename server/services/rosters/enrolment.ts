import type { Prisma } from '../../generated/prisma/client';

type Tx = Prisma.TransactionClient;

/**
 * After children joined, moved or left a roster: each household's enrolment again from its children
 * (`enrolledFrom` the first enrolment, `enrolledUntil` when the last one left, `knownFrom` the earlier of
 * the two beginnings). A household with no rostered child left ends its enrolment now.
 */
export async function refreshEnrolment(tx: Tx, familyIds: string[], now: Date): Promise<void> {
  if (familyIds.length === 0) return;
  await tx.$executeRaw`
    UPDATE "Family" f
       SET "enrolledFrom" = coalesce(f."enrolledFrom", a.first),
           "enrolledUntil" = CASE WHEN a.active THEN NULL ELSE a.last END,
           "knownFrom" = LEAST(f."knownFrom", a.first)
      FROM (SELECT "familyId", min("enrolledAt") AS first, bool_or("leftAt" IS NULL) AS active, max("leftAt") AS last
              FROM "Child" WHERE "familyId" = ANY(${familyIds}::text[]) AND "enrolledAt" IS NOT NULL GROUP BY 1) a
     WHERE f.id = a."familyId"`;
  await tx.$executeRaw`
    UPDATE "Family" f SET "enrolledUntil" = ${now}
     WHERE f.id = ANY(${familyIds}::text[]) AND f."enrolledFrom" IS NOT NULL AND f."enrolledUntil" IS NULL
       AND NOT EXISTS (SELECT 1 FROM "Child" c WHERE c."familyId" = f.id AND c."enrolledAt" IS NOT NULL)`;
}
