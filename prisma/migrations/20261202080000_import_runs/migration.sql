-- The history of spreadsheet imports (issue: ready for a real region): who imported what into which unit,
-- when, and how many rows it created or updated.
CREATE TABLE "ImportRun" (
  "id"          TEXT PRIMARY KEY,
  "kind"        TEXT NOT NULL,
  "orgUnitId"   TEXT NOT NULL REFERENCES "OrgUnit"("id") ON DELETE RESTRICT ON UPDATE CASCADE,
  "actorUserId" TEXT REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE,
  "rows"        INTEGER NOT NULL,
  "created"     INTEGER NOT NULL,
  "updated"     INTEGER NOT NULL,
  "createdAt"   TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX "ImportRun_orgUnitId_createdAt_idx" ON "ImportRun"("orgUnitId", "createdAt");
