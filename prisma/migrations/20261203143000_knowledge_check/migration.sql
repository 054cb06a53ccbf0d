-- 识别心理危机信号小测验: scores before and after a mental-health session or a lesson, kept without the family
-- (only the unit, the activity, the phase and the score); `dedupeKey` (a one-way hash) lets each guardian
-- answer each phase once. Reported only as averages per unit, small groups withheld.
CREATE TABLE "KnowledgeCheck" (
    "id" TEXT NOT NULL,
    "orgUnitId" TEXT NOT NULL,
    "sessionId" TEXT,
    "lessonId" TEXT,
    "phase" TEXT NOT NULL,
    "version" TEXT NOT NULL,
    "score" INTEGER NOT NULL,
    "total" INTEGER NOT NULL,
    "dedupeKey" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "KnowledgeCheck_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "KnowledgeCheck_dedupeKey_key" ON "KnowledgeCheck"("dedupeKey");
CREATE INDEX "KnowledgeCheck_orgUnitId_createdAt_idx" ON "KnowledgeCheck"("orgUnitId", "createdAt");
