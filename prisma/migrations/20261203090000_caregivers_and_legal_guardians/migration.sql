-- Caregivers and legal guardians (PIPL art. 31; 儿童个人信息网络保护规定): the separate consent for a child's
-- checklist comes from a legal guardian, or a caregiver a legal guardian authorised.
ALTER TYPE "GuardianRelation" ADD VALUE 'OTHER_RELATIVE';
ALTER TYPE "GuardianRelation" ADD VALUE 'ENTRUSTED_CARER';

-- A father or mother is a legal guardian by relation; another caregiver once the school confirmed it.
ALTER TABLE "Guardian" ADD COLUMN "legalGuardianConfirmedById" TEXT,
ADD COLUMN "legalGuardianConfirmedAt" TIMESTAMP(3),
ADD COLUMN "carerAuthorizedById" TEXT,
ADD COLUMN "carerAuthorizedAt" TIMESTAMP(3);

-- Checklist consents given by caregivers who are not legal guardians no longer hold: they are asked again
-- (with a message saying why) once a legal guardian authorises them.
UPDATE "Consent" SET "withdrawnAt" = now()
 WHERE scope = 'sensitive:checklist' AND "withdrawnAt" IS NULL
   AND "userId" IN (SELECT "userId" FROM "Guardian" WHERE relation NOT IN ('FATHER', 'MOTHER'));
