-- CreateEnum
CREATE TYPE "VisitSeason" AS ENUM ('WINTER', 'SUMMER', 'TERM');

-- CreateEnum
CREATE TYPE "VisitMode" AS ENUM ('HOME', 'PHONE', 'VIDEO');

-- CreateEnum
CREATE TYPE "VisitStatus" AS ENUM ('BOOKED', 'COMPLETED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "PriorityReason" AS ENUM ('ACADEMIC_PRESSURE', 'ECONOMIC_HARDSHIP', 'EMOTIONAL_CRISIS', 'FAMILY_CHANGE', 'BULLYING', 'CHECKLIST_REFERRAL', 'OTHER');

-- CreateEnum
CREATE TYPE "RiskTier" AS ENUM ('NONE', 'WATCH', 'CONTACT_SCHOOL', 'URGENT');

-- CreateEnum
CREATE TYPE "ReferralStatus" AS ENUM ('OPEN', 'ACKNOWLEDGED', 'CLOSED');

-- CreateTable
CREATE TABLE "VisitWindow" (
    "id" TEXT NOT NULL,
    "orgUnitId" TEXT NOT NULL,
    "season" "VisitSeason" NOT NULL,
    "title" TEXT NOT NULL,
    "startsOn" DATE NOT NULL,
    "endsOn" DATE NOT NULL,
    "travelBufferMinutes" INTEGER NOT NULL DEFAULT 30,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "VisitWindow_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ClassTeacher" (
    "id" TEXT NOT NULL,
    "orgUnitId" TEXT NOT NULL,
    "grade" TEXT NOT NULL,
    "className" TEXT NOT NULL,
    "teacherId" TEXT NOT NULL,

    CONSTRAINT "ClassTeacher_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "VisitAssignment" (
    "windowId" TEXT NOT NULL,
    "familyId" TEXT NOT NULL,
    "teacherId" TEXT NOT NULL,
    "assignedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "VisitAssignment_pkey" PRIMARY KEY ("windowId","familyId")
);

-- CreateTable
CREATE TABLE "PriorityFlag" (
    "id" TEXT NOT NULL,
    "familyId" TEXT NOT NULL,
    "orgUnitId" TEXT NOT NULL,
    "reason" "PriorityReason" NOT NULL,
    "flaggedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "clearedAt" TIMESTAMP(3),

    CONSTRAINT "PriorityFlag_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "VisitSlot" (
    "id" TEXT NOT NULL,
    "windowId" TEXT NOT NULL,
    "teacherId" TEXT NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3) NOT NULL,
    "mode" "VisitMode" NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "VisitSlot_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Visit" (
    "id" TEXT NOT NULL,
    "windowId" TEXT NOT NULL,
    "slotId" TEXT NOT NULL,
    "familyId" TEXT NOT NULL,
    "teacherId" TEXT NOT NULL,
    "mode" "VisitMode" NOT NULL,
    "status" "VisitStatus" NOT NULL DEFAULT 'BOOKED',
    "bookedById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "cancelledAt" TIMESTAMP(3),
    "completedAt" TIMESTAMP(3),
    "topics" TEXT[],
    "concerns" TEXT[],
    "summaryEnc" TEXT,
    "notesEnc" TEXT,
    "addressEnc" TEXT,

    CONSTRAINT "Visit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "VisitFollowUp" (
    "id" TEXT NOT NULL,
    "visitId" TEXT NOT NULL,
    "teacherId" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "dueOn" DATE NOT NULL,
    "doneAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "VisitFollowUp_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Checklist" (
    "id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "stage" TEXT NOT NULL,
    "intro" TEXT NOT NULL,
    "items" JSONB NOT NULL,
    "scoring" JSONB NOT NULL,
    "published" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Checklist_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChecklistResponse" (
    "id" TEXT NOT NULL,
    "checklistId" TEXT NOT NULL,
    "childId" TEXT NOT NULL,
    "familyId" TEXT NOT NULL,
    "submittedById" TEXT NOT NULL,
    "tier" "RiskTier" NOT NULL,
    "answersEnc" TEXT NOT NULL,
    "sharedWithSchool" BOOLEAN NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deleteAfter" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ChecklistResponse_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Referral" (
    "id" TEXT NOT NULL,
    "responseId" TEXT NOT NULL,
    "schoolId" TEXT NOT NULL,
    "childGrade" TEXT NOT NULL,
    "tier" "RiskTier" NOT NULL,
    "status" "ReferralStatus" NOT NULL DEFAULT 'OPEN',
    "ackDeadline" TIMESTAMP(3) NOT NULL,
    "acknowledgedAt" TIMESTAMP(3),
    "acknowledgedById" TEXT,
    "escalatedAt" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Referral_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReferralAction" (
    "id" TEXT NOT NULL,
    "referralId" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "noteEnc" TEXT,
    "byUserId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReferralAction_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "VisitWindow_orgUnitId_startsOn_idx" ON "VisitWindow"("orgUnitId", "startsOn");

-- CreateIndex
CREATE INDEX "ClassTeacher_teacherId_idx" ON "ClassTeacher"("teacherId");

-- CreateIndex
CREATE UNIQUE INDEX "ClassTeacher_orgUnitId_grade_className_key" ON "ClassTeacher"("orgUnitId", "grade", "className");

-- CreateIndex
CREATE INDEX "VisitAssignment_windowId_teacherId_idx" ON "VisitAssignment"("windowId", "teacherId");

-- CreateIndex
CREATE INDEX "PriorityFlag_orgUnitId_clearedAt_idx" ON "PriorityFlag"("orgUnitId", "clearedAt");

-- CreateIndex
CREATE INDEX "PriorityFlag_familyId_idx" ON "PriorityFlag"("familyId");

-- CreateIndex
CREATE INDEX "VisitSlot_teacherId_startsAt_idx" ON "VisitSlot"("teacherId", "startsAt");

-- CreateIndex
CREATE INDEX "VisitSlot_windowId_startsAt_idx" ON "VisitSlot"("windowId", "startsAt");

-- CreateIndex
CREATE INDEX "Visit_familyId_idx" ON "Visit"("familyId");

-- CreateIndex
CREATE INDEX "Visit_teacherId_status_idx" ON "Visit"("teacherId", "status");

-- CreateIndex
CREATE INDEX "Visit_windowId_status_idx" ON "Visit"("windowId", "status");

-- CreateIndex
CREATE INDEX "VisitFollowUp_teacherId_doneAt_idx" ON "VisitFollowUp"("teacherId", "doneAt");

-- CreateIndex
CREATE UNIQUE INDEX "Checklist_code_version_key" ON "Checklist"("code", "version");

-- CreateIndex
CREATE INDEX "ChecklistResponse_familyId_createdAt_idx" ON "ChecklistResponse"("familyId", "createdAt");

-- CreateIndex
CREATE INDEX "ChecklistResponse_deleteAfter_idx" ON "ChecklistResponse"("deleteAfter");

-- CreateIndex
CREATE INDEX "ChecklistResponse_createdAt_tier_idx" ON "ChecklistResponse"("createdAt", "tier");

-- CreateIndex
CREATE UNIQUE INDEX "Referral_responseId_key" ON "Referral"("responseId");

-- CreateIndex
CREATE INDEX "Referral_schoolId_status_ackDeadline_idx" ON "Referral"("schoolId", "status", "ackDeadline");

-- CreateIndex
CREATE INDEX "Referral_status_ackDeadline_idx" ON "Referral"("status", "ackDeadline");

-- CreateIndex
CREATE INDEX "ReferralAction_referralId_at_idx" ON "ReferralAction"("referralId", "at");

-- AddForeignKey
ALTER TABLE "VisitWindow" ADD CONSTRAINT "VisitWindow_orgUnitId_fkey" FOREIGN KEY ("orgUnitId") REFERENCES "OrgUnit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ClassTeacher" ADD CONSTRAINT "ClassTeacher_orgUnitId_fkey" FOREIGN KEY ("orgUnitId") REFERENCES "OrgUnit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VisitAssignment" ADD CONSTRAINT "VisitAssignment_windowId_fkey" FOREIGN KEY ("windowId") REFERENCES "VisitWindow"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VisitAssignment" ADD CONSTRAINT "VisitAssignment_familyId_fkey" FOREIGN KEY ("familyId") REFERENCES "Family"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PriorityFlag" ADD CONSTRAINT "PriorityFlag_familyId_fkey" FOREIGN KEY ("familyId") REFERENCES "Family"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VisitSlot" ADD CONSTRAINT "VisitSlot_windowId_fkey" FOREIGN KEY ("windowId") REFERENCES "VisitWindow"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VisitSlot" ADD CONSTRAINT "VisitSlot_teacherId_fkey" FOREIGN KEY ("teacherId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Visit" ADD CONSTRAINT "Visit_windowId_fkey" FOREIGN KEY ("windowId") REFERENCES "VisitWindow"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Visit" ADD CONSTRAINT "Visit_slotId_fkey" FOREIGN KEY ("slotId") REFERENCES "VisitSlot"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Visit" ADD CONSTRAINT "Visit_familyId_fkey" FOREIGN KEY ("familyId") REFERENCES "Family"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VisitFollowUp" ADD CONSTRAINT "VisitFollowUp_visitId_fkey" FOREIGN KEY ("visitId") REFERENCES "Visit"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChecklistResponse" ADD CONSTRAINT "ChecklistResponse_checklistId_fkey" FOREIGN KEY ("checklistId") REFERENCES "Checklist"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChecklistResponse" ADD CONSTRAINT "ChecklistResponse_childId_fkey" FOREIGN KEY ("childId") REFERENCES "Child"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChecklistResponse" ADD CONSTRAINT "ChecklistResponse_familyId_fkey" FOREIGN KEY ("familyId") REFERENCES "Family"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Referral" ADD CONSTRAINT "Referral_responseId_fkey" FOREIGN KEY ("responseId") REFERENCES "ChecklistResponse"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Referral" ADD CONSTRAINT "Referral_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "OrgUnit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReferralAction" ADD CONSTRAINT "ReferralAction_referralId_fkey" FOREIGN KEY ("referralId") REFERENCES "Referral"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- One live visit per slot, and at most one booked or completed visit per family per window.
CREATE UNIQUE INDEX "Visit_one_live_per_slot" ON "Visit"("slotId") WHERE status <> 'CANCELLED';
CREATE UNIQUE INDEX "Visit_one_live_per_family_window" ON "Visit"("windowId", "familyId") WHERE status <> 'CANCELLED';
ALTER TABLE "VisitSlot" ADD CONSTRAINT "VisitSlot_ends_after_start" CHECK ("endsAt" > "startsAt");
ALTER TABLE "VisitWindow" ADD CONSTRAINT "VisitWindow_dates" CHECK ("endsOn" >= "startsOn");
ALTER TABLE "VisitWindow" ADD CONSTRAINT "VisitWindow_buffer" CHECK ("travelBufferMinutes" BETWEEN 0 AND 240);
