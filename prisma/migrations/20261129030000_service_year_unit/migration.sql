-- Per-unit counts of served families read FamilyServiceYear alone: keep the family's unit on the row.
ALTER TABLE "FamilyServiceYear" ADD COLUMN "orgUnitId" TEXT;
UPDATE "FamilyServiceYear" s SET "orgUnitId" = f."orgUnitId" FROM "Family" f WHERE f.id = s."familyId";
ALTER TABLE "FamilyServiceYear" ALTER COLUMN "orgUnitId" SET NOT NULL;

DROP INDEX "FamilyServiceYear_year_idx";
CREATE INDEX "FamilyServiceYear_year_orgUnitId_idx" ON "FamilyServiceYear"("year", "orgUnitId");
