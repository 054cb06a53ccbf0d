-- Policy targets as data (reports.compliance, the dashboard): each change is a new row with the day it takes
-- effect, so a past year is measured against the target of its own time. Set by a province ADMIN.
CREATE TABLE "PolicyTarget" (
    "id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "value" DOUBLE PRECISION NOT NULL,
    "effectiveFrom" DATE NOT NULL,
    "basis" TEXT NOT NULL,
    "setById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "PolicyTarget_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "PolicyTarget_key_effectiveFrom_key" ON "PolicyTarget"("key", "effectiveFrom");

-- The targets in force since the 2021–2025 plans.
INSERT INTO "PolicyTarget" ("id", "key", "value", "effectiveFrom", "basis") VALUES
  ('target-school-semester', 'SCHOOL_SEMESTER_ACTIVITIES', 2, '2021-01-01', '《全国家庭教育指导工作五年规划（2021—2025年）》'),
  ('target-site-year', 'SITE_YEAR_ACTIVITIES', 4, '2021-01-01', '《全国家庭教育指导工作五年规划（2021—2025年）》'),
  ('target-active-sites', 'ACTIVE_SITE_SHARE', 0.6, '2021-01-01', '黑教联〔2023〕98号'),
  ('target-participation', 'PARTICIPATION_RATE', 0.8, '2021-01-01', '县级家长学校评估标准'),
  ('target-special-visits', 'SPECIAL_GROUP_SEMESTER_VISITS', 1, '2021-01-01', '教育部《十条措施》（2025）');
