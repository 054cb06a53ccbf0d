-- Yearly sign-off of a region's figures (county, then city, then province, as in DHIS2's data approval):
-- the figures as signed are kept and read from then on; a later correction in the region is a revision row
-- with who made it and why, never a silent change.
CREATE TABLE "ReportSignOff" (
    "id" TEXT NOT NULL,
    "orgUnitId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "signedById" TEXT NOT NULL,
    "signedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "note" TEXT,
    "figures" JSONB NOT NULL,
    CONSTRAINT "ReportSignOff_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "ReportSignOff_orgUnitId_year_key" ON "ReportSignOff"("orgUnitId", "year");
ALTER TABLE "ReportSignOff" ADD CONSTRAINT "ReportSignOff_orgUnitId_fkey" FOREIGN KEY ("orgUnitId") REFERENCES "OrgUnit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE TABLE "ReportRevision" (
    "id" TEXT NOT NULL,
    "orgUnitId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "actorUserId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "detail" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ReportRevision_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "ReportRevision_year_createdAt_idx" ON "ReportRevision"("year", "createdAt");
ALTER TABLE "ReportRevision" ADD CONSTRAINT "ReportRevision_orgUnitId_fkey" FOREIGN KEY ("orgUnitId") REFERENCES "OrgUnit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
