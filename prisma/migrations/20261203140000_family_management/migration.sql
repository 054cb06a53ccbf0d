-- Parents manage their family (issue 16 part 8): a guardian's request to correct a rostered child (the roster is
-- the school's record), and checklist answers kept as a draft until they are submitted.
CREATE TABLE "ChildCorrection" (
    "id" TEXT NOT NULL,
    "childId" TEXT NOT NULL,
    "schoolId" TEXT NOT NULL,
    "requestedById" TEXT NOT NULL,
    "name" TEXT,
    "grade" TEXT,
    "className" TEXT,
    "note" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closedAt" TIMESTAMP(3),
    "closedById" TEXT,
    "outcome" TEXT,
    CONSTRAINT "ChildCorrection_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "ChildCorrection_schoolId_closedAt_idx" ON "ChildCorrection"("schoolId", "closedAt");
CREATE INDEX "ChildCorrection_childId_idx" ON "ChildCorrection"("childId");
-- One open request per child: asking again replaces the open one.
CREATE UNIQUE INDEX "ChildCorrection_open_key" ON "ChildCorrection"("childId") WHERE "closedAt" IS NULL;
ALTER TABLE "ChildCorrection" ADD CONSTRAINT "ChildCorrection_childId_fkey" FOREIGN KEY ("childId") REFERENCES "Child"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "ChecklistDraft" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "childId" TEXT NOT NULL,
    "checklistId" TEXT NOT NULL,
    "answersEnc" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "deleteAfter" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "ChecklistDraft_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "ChecklistDraft_userId_checklistId_childId_key" ON "ChecklistDraft"("userId", "checklistId", "childId");
CREATE INDEX "ChecklistDraft_childId_idx" ON "ChecklistDraft"("childId");
CREATE INDEX "ChecklistDraft_deleteAfter_idx" ON "ChecklistDraft"("deleteAfter");
ALTER TABLE "ChecklistDraft" ADD CONSTRAINT "ChecklistDraft_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "ChecklistDraft" ADD CONSTRAINT "ChecklistDraft_childId_fkey" FOREIGN KEY ("childId") REFERENCES "Child"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "ChecklistDraft" ADD CONSTRAINT "ChecklistDraft_checklistId_fkey" FOREIGN KEY ("checklistId") REFERENCES "Checklist"("id") ON DELETE CASCADE ON UPDATE CASCADE;
