-- A family's own code was permanent, about 40 bits, and made whoever guessed it a guardian. It becomes a
-- single-use invitation that a guardian issues, of at least 64 bits, valid for 72 hours. Every old family
-- code stops working now.
ALTER TABLE "InviteCode" ADD COLUMN "createdById" TEXT;
ALTER TABLE "InviteCode" ADD COLUMN "usedAt" TIMESTAMP(3);
ALTER TABLE "InviteCode" ADD COLUMN "usedById" TEXT;
UPDATE "InviteCode" SET "disabled" = true WHERE "kind" = 'FAMILY';
