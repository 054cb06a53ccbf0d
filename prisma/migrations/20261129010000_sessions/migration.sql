-- CreateEnum
CREATE TYPE "SessionKind" AS ENUM ('GUIDANCE', 'LESSON', 'LECTURE', 'SALON', 'NEW_STUDENT_CLASS');

-- CreateEnum
CREATE TYPE "SessionMode" AS ENUM ('OFFLINE', 'ONLINE');

-- CreateEnum
CREATE TYPE "SessionStatus" AS ENUM ('DRAFT', 'PUBLISHED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "RegistrationStatus" AS ENUM ('CONFIRMED', 'WAITLISTED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "AttendanceMethod" AS ENUM ('QR', 'ROLL_CALL', 'PAPER');

-- CreateEnum
CREATE TYPE "NotificationStatus" AS ENUM ('PENDING', 'SENDING', 'SENT', 'SKIPPED_NO_QUOTA', 'CANCELLED', 'FAILED');

-- CreateEnum
CREATE TYPE "LessonFormat" AS ENUM ('ARTICLE', 'VIDEO');

-- CreateTable
CREATE TABLE "Course" (
    "id" TEXT NOT NULL,
    "orgUnitId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "kind" "SessionKind" NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Course_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL,
    "orgUnitId" TEXT NOT NULL,
    "courseId" TEXT,
    "courseSeq" INTEGER,
    "kind" "SessionKind" NOT NULL,
    "mentalHealth" BOOLEAN NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT,
    "speaker" TEXT,
    "stages" TEXT[],
    "grades" TEXT[],
    "mode" "SessionMode" NOT NULL,
    "venue" TEXT,
    "liveUrl" TEXT,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3) NOT NULL,
    "capacity" INTEGER NOT NULL,
    "status" "SessionStatus" NOT NULL DEFAULT 'PUBLISHED',
    "confirmedCount" INTEGER NOT NULL DEFAULT 0,
    "waitlistedCount" INTEGER NOT NULL DEFAULT 0,
    "checkInSecret" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "cancelledAt" TIMESTAMP(3),
    "cancelReason" TEXT,

    CONSTRAINT "Session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Registration" (
    "id" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "familyId" TEXT NOT NULL,
    "status" "RegistrationStatus" NOT NULL,
    "attendees" INTEGER NOT NULL DEFAULT 1,
    "registeredById" TEXT NOT NULL,
    "queuedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Registration_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Attendance" (
    "id" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "familyId" TEXT NOT NULL,
    "present" BOOLEAN NOT NULL DEFAULT true,
    "method" "AttendanceMethod" NOT NULL,
    "recordedById" TEXT,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Attendance_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SessionRating" (
    "id" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "familyId" TEXT NOT NULL,
    "rating" INTEGER NOT NULL,
    "comment" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SessionRating_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FamilyServiceYear" (
    "familyId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "services" INTEGER NOT NULL,
    "firstServedAt" TIMESTAMP(3) NOT NULL,
    "lastServedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "FamilyServiceYear_pkey" PRIMARY KEY ("familyId","year")
);

-- CreateTable
CREATE TABLE "SubscribeQuota" (
    "userId" TEXT NOT NULL,
    "templateKey" TEXT NOT NULL,
    "remaining" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SubscribeQuota_pkey" PRIMARY KEY ("userId","templateKey")
);

-- CreateTable
CREATE TABLE "Notification" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "templateKey" TEXT NOT NULL,
    "page" TEXT,
    "data" JSONB NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "status" "NotificationStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "leaseUntil" TIMESTAMP(3),
    "sentAt" TIMESTAMP(3),
    "lastError" TEXT,
    "dedupeKey" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Notification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Lesson" (
    "id" TEXT NOT NULL,
    "orgUnitId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "summary" TEXT,
    "topic" TEXT NOT NULL,
    "stages" TEXT[],
    "format" "LessonFormat" NOT NULL,
    "body" TEXT,
    "videoUrl" TEXT,
    "durationMinutes" INTEGER,
    "published" BOOLEAN NOT NULL DEFAULT false,
    "publishedAt" TIMESTAMP(3),
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Lesson_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LessonCompletion" (
    "lessonId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "familyId" TEXT,
    "completedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LessonCompletion_pkey" PRIMARY KEY ("lessonId","userId")
);

-- CreateTable
CREATE TABLE "SessionLesson" (
    "sessionId" TEXT NOT NULL,
    "lessonId" TEXT NOT NULL,

    CONSTRAINT "SessionLesson_pkey" PRIMARY KEY ("sessionId","lessonId")
);

-- CreateIndex
CREATE INDEX "Course_orgUnitId_idx" ON "Course"("orgUnitId");

-- CreateIndex
CREATE INDEX "Session_orgUnitId_startsAt_idx" ON "Session"("orgUnitId", "startsAt");

-- CreateIndex
CREATE INDEX "Session_startsAt_idx" ON "Session"("startsAt");

-- CreateIndex
CREATE INDEX "Registration_sessionId_status_queuedAt_idx" ON "Registration"("sessionId", "status", "queuedAt");

-- CreateIndex
CREATE INDEX "Registration_familyId_idx" ON "Registration"("familyId");

-- CreateIndex
CREATE UNIQUE INDEX "Registration_sessionId_familyId_key" ON "Registration"("sessionId", "familyId");

-- CreateIndex
CREATE INDEX "Attendance_familyId_idx" ON "Attendance"("familyId");

-- CreateIndex
CREATE UNIQUE INDEX "Attendance_sessionId_familyId_key" ON "Attendance"("sessionId", "familyId");

-- CreateIndex
CREATE UNIQUE INDEX "SessionRating_sessionId_familyId_key" ON "SessionRating"("sessionId", "familyId");

-- CreateIndex
CREATE INDEX "FamilyServiceYear_year_idx" ON "FamilyServiceYear"("year");

-- CreateIndex
CREATE UNIQUE INDEX "Notification_dedupeKey_key" ON "Notification"("dedupeKey");

-- CreateIndex
CREATE INDEX "Notification_status_dueAt_idx" ON "Notification"("status", "dueAt");

-- CreateIndex
CREATE INDEX "Notification_userId_idx" ON "Notification"("userId");

-- CreateIndex
CREATE INDEX "Lesson_published_topic_idx" ON "Lesson"("published", "topic");

-- CreateIndex
CREATE INDEX "Lesson_orgUnitId_idx" ON "Lesson"("orgUnitId");

-- CreateIndex
CREATE INDEX "LessonCompletion_familyId_idx" ON "LessonCompletion"("familyId");

-- AddForeignKey
ALTER TABLE "Course" ADD CONSTRAINT "Course_orgUnitId_fkey" FOREIGN KEY ("orgUnitId") REFERENCES "OrgUnit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_orgUnitId_fkey" FOREIGN KEY ("orgUnitId") REFERENCES "OrgUnit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_courseId_fkey" FOREIGN KEY ("courseId") REFERENCES "Course"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Registration" ADD CONSTRAINT "Registration_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "Session"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Registration" ADD CONSTRAINT "Registration_familyId_fkey" FOREIGN KEY ("familyId") REFERENCES "Family"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Attendance" ADD CONSTRAINT "Attendance_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "Session"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Attendance" ADD CONSTRAINT "Attendance_familyId_fkey" FOREIGN KEY ("familyId") REFERENCES "Family"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SessionRating" ADD CONSTRAINT "SessionRating_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "Session"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FamilyServiceYear" ADD CONSTRAINT "FamilyServiceYear_familyId_fkey" FOREIGN KEY ("familyId") REFERENCES "Family"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SubscribeQuota" ADD CONSTRAINT "SubscribeQuota_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Lesson" ADD CONSTRAINT "Lesson_orgUnitId_fkey" FOREIGN KEY ("orgUnitId") REFERENCES "OrgUnit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LessonCompletion" ADD CONSTRAINT "LessonCompletion_lessonId_fkey" FOREIGN KEY ("lessonId") REFERENCES "Lesson"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SessionLesson" ADD CONSTRAINT "SessionLesson_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "Session"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SessionLesson" ADD CONSTRAINT "SessionLesson_lessonId_fkey" FOREIGN KEY ("lessonId") REFERENCES "Lesson"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Invariants the database itself guards (Prisma does not model CHECK constraints; it leaves them alone).
ALTER TABLE "Session" ADD CONSTRAINT "Session_capacity_positive" CHECK ("capacity" > 0);
ALTER TABLE "Session" ADD CONSTRAINT "Session_confirmed_within_capacity" CHECK ("confirmedCount" >= 0 AND "confirmedCount" <= "capacity");
ALTER TABLE "Session" ADD CONSTRAINT "Session_waitlisted_nonnegative" CHECK ("waitlistedCount" >= 0);
ALTER TABLE "Session" ADD CONSTRAINT "Session_ends_after_start" CHECK ("endsAt" > "startsAt");
ALTER TABLE "SessionRating" ADD CONSTRAINT "SessionRating_range" CHECK ("rating" BETWEEN 1 AND 5);
ALTER TABLE "SubscribeQuota" ADD CONSTRAINT "SubscribeQuota_nonnegative" CHECK ("remaining" >= 0);
ALTER TABLE "Registration" ADD CONSTRAINT "Registration_attendees_range" CHECK ("attendees" BETWEEN 1 AND 10);
