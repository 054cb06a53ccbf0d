-- Class rosters are the households (issue: ready for a real region).
-- A roster row is a child on a school's roster (enrolledAt set) in a household that exists whether or not
-- anyone from it ever opens the app. A household is counted in every year in which it was known: from
-- knownFrom (the first enrolment, or when a parent joined) until enrolledUntil (when its last rostered child
-- left; NULL while any is still enrolled, and always NULL for a household never on a roster).

ALTER TABLE "Child" ADD COLUMN "enrolledAt" TIMESTAMP(3);
ALTER TABLE "Child" ADD COLUMN "leftAt" TIMESTAMP(3);
ALTER TABLE "Child" ADD COLUMN "leftReason" TEXT;
-- One enrolled student of a name per class (a roster's identity of a row without a household key).
CREATE UNIQUE INDEX "Child_roster_key" ON "Child"("schoolId", "grade", "className", "name")
  WHERE "enrolledAt" IS NOT NULL AND "leftAt" IS NULL;

ALTER TABLE "Family" ADD COLUMN "householdKey" TEXT;
ALTER TABLE "Family" ADD COLUMN "knownFrom" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;
UPDATE "Family" SET "knownFrom" = "createdAt";
ALTER TABLE "Family" ADD COLUMN "enrolledFrom" TIMESTAMP(3);
ALTER TABLE "Family" ADD COLUMN "enrolledUntil" TIMESTAMP(3);
-- One guardian's name, relation and mobile number from the roster (encrypted), and its masked form for lists.
ALTER TABLE "Family" ADD COLUMN "contactEnc" TEXT;
ALTER TABLE "Family" ADD COLUMN "contactMasked" TEXT;
-- A keyed digest of the contact, so a re-import sees it unchanged without decrypting it.
ALTER TABLE "Family" ADD COLUMN "contactDigest" TEXT;
-- A joined family the coordinator confirmed is not on any roster (it leaves the 待核对 queue).
ALTER TABLE "Family" ADD COLUMN "reviewedAt" TIMESTAMP(3);
CREATE UNIQUE INDEX "Family_orgUnitId_householdKey_key" ON "Family"("orgUnitId", "householdKey");
