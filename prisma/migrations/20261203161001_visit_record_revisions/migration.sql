-- A family whose visit was rescheduled at its request books again in the same window: one live visit per
-- family per window no longer counts a rescheduled one. (A separate migration from the enum values, which
-- must be committed before a statement uses them.)
DROP INDEX "Visit_one_live_per_family_window";
CREATE UNIQUE INDEX "Visit_one_live_per_family_window" ON "Visit"("windowId", "familyId")
  WHERE status NOT IN ('CANCELLED', 'RESCHEDULED_BY_FAMILY');

-- Earlier versions of an edited visit record (the envelopes move here unchanged).
CREATE TABLE "VisitRecordRevision" (
    "id" TEXT NOT NULL,
    "visitId" TEXT NOT NULL,
    "editedById" TEXT NOT NULL,
    "topics" TEXT[],
    "concerns" TEXT[],
    "summaryEnc" TEXT,
    "notesEnc" TEXT,
    "addressEnc" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "VisitRecordRevision_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "VisitRecordRevision_visitId_createdAt_idx" ON "VisitRecordRevision"("visitId", "createdAt");

ALTER TABLE "VisitRecordRevision" ADD CONSTRAINT "VisitRecordRevision_visitId_fkey" FOREIGN KEY ("visitId") REFERENCES "Visit"("id") ON DELETE CASCADE ON UPDATE CASCADE;
