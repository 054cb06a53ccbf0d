-- Families present per session, kept with the attendance rows, so coverage reports do not scan attendance.
ALTER TABLE "Session" ADD COLUMN "attendedCount" INTEGER NOT NULL DEFAULT 0;
UPDATE "Session" s SET "attendedCount" = a.n
  FROM (SELECT "sessionId", count(*)::int AS n FROM "Attendance" WHERE present GROUP BY 1) a
 WHERE a."sessionId" = s.id;
ALTER TABLE "Session" ADD CONSTRAINT "Session_attended_nonnegative" CHECK ("attendedCount" >= 0);
