-- The monthly report of a region (its 妇联 and 关工委 staff get it on the first of each month): one row per
-- region and month, written once however many server processes run the job (the unique key decides).
CREATE TABLE "MonthlyReport" (
    "id" TEXT NOT NULL,
    "orgUnitId" TEXT NOT NULL,
    "month" TEXT NOT NULL,
    "figures" JSONB NOT NULL,
    "behindPace" BOOLEAN NOT NULL,
    "recipients" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "MonthlyReport_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "MonthlyReport_orgUnitId_month_key" ON "MonthlyReport"("orgUnitId", "month");
ALTER TABLE "MonthlyReport" ADD CONSTRAINT "MonthlyReport_orgUnitId_fkey" FOREIGN KEY ("orgUnitId") REFERENCES "OrgUnit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
