-- Registrations decided together in one statement (group commit) are queued a microsecond apart, in
-- arrival order; milliseconds would leave the waitlist order of a group to chance. Raising a timestamp's
-- precision needs no table rewrite.
ALTER TABLE "Registration" ALTER COLUMN "queuedAt" SET DATA TYPE TIMESTAMP(6);
