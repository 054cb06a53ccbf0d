-- 一生一策: dated notes on the support of a special-group household, by its school's counsellors and the
-- class teacher. The text is encrypted at rest (AES-256-GCM envelope); every read is audited. Not a diagnosis.
CREATE TABLE "CareNote" (
    "id" TEXT NOT NULL,
    "familyId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "authorRole" TEXT NOT NULL,
    "textEnc" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CareNote_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "CareNote_familyId_createdAt_idx" ON "CareNote"("familyId", "createdAt");
ALTER TABLE "CareNote" ADD CONSTRAINT "CareNote_familyId_fkey" FOREIGN KEY ("familyId") REFERENCES "Family"("id") ON DELETE CASCADE ON UPDATE CASCADE;
