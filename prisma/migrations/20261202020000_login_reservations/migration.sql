-- Password attempts are reserved before the hash is checked, so a burst cannot run more checks than the
-- lockout allows (the lock used to be read before scrypt and not looked at again).
ALTER TABLE "User" ADD COLUMN "pendingLogins" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "User" ADD COLUMN "pendingSince" TIMESTAMP(3);
