-- SMS invitations to rostered households that have not joined the app (issue: ready for a real region).
-- One row per household, purpose and day (dedupeKey): the same invitation is never sent twice, and the
-- number itself is not kept here (it stays encrypted on the household).
CREATE TABLE "SmsMessage" (
  "id"           TEXT PRIMARY KEY,
  "familyId"     TEXT REFERENCES "Family"("id") ON DELETE SET NULL ON UPDATE CASCADE,
  "orgUnitId"    TEXT NOT NULL REFERENCES "OrgUnit"("id") ON DELETE RESTRICT ON UPDATE CASCADE,
  "purpose"      TEXT NOT NULL,
  "dedupeKey"    TEXT NOT NULL,
  "status"       TEXT NOT NULL,
  "providerCode" TEXT,
  "serialNo"     TEXT,
  "actorUserId"  TEXT,
  "createdAt"    TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE UNIQUE INDEX "SmsMessage_dedupeKey_key" ON "SmsMessage"("dedupeKey");
CREATE INDEX "SmsMessage_orgUnitId_createdAt_idx" ON "SmsMessage"("orgUnitId", "createdAt");
