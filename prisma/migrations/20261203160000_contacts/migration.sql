-- Issue 16 part 2: a guardian's own contact mobile (encrypted, with its masked form for lists).
ALTER TABLE "Guardian" ADD COLUMN "mobileEnc" TEXT;
ALTER TABLE "Guardian" ADD COLUMN "mobileMasked" TEXT;
