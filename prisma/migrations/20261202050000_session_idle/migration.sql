-- Staff sessions can read decrypted data: they end after a while without use (STAFF_IDLE_MINUTES).
ALTER TABLE "AuthSession" ADD COLUMN "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;
