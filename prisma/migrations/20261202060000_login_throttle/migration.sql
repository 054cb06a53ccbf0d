-- Sign-in throttling per account *and* source (issue: security round two). One row per hashed username and
-- source address (which locks that source), and one per hashed username for every source together (which
-- slows down). Rows exist for usernames that do not exist too, so the answers cannot tell them apart.
CREATE TABLE "LoginThrottle" (
  "key"           TEXT PRIMARY KEY,
  "failures"      INTEGER NOT NULL DEFAULT 0,
  "pending"       INTEGER NOT NULL DEFAULT 0,
  "pendingSince"  TIMESTAMP(3),
  "lockedUntil"   TIMESTAMP(3),
  "nextAttemptAt" TIMESTAMP(3),
  "updatedAt"     TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- The per-account lock on the user row let a stranger keep a staff account locked: it goes.
ALTER TABLE "User" DROP COLUMN "failedLogins", DROP COLUMN "lockedUntil", DROP COLUMN "pendingLogins", DROP COLUMN "pendingSince";
