-- Online sessions get a 6-digit check-in code that stays the same for the whole attendance window
-- (a live stream cannot show a code that changes every minute). Unique while a session holds it.
ALTER TABLE "Session" ADD COLUMN "checkInShortCode" TEXT;
CREATE UNIQUE INDEX "Session_checkInShortCode_key" ON "Session"("checkInShortCode");
