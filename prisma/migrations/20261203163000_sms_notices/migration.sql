-- Session reminders and visit notices by SMS for households no caregiver of which can get them through WeChat.
ALTER TABLE "SmsMessage" ADD COLUMN "dueAt" TIMESTAMP(3);
ALTER TABLE "SmsMessage" ADD COLUMN "params" JSONB;
ALTER TABLE "SmsMessage" ADD COLUMN "leaseUntil" TIMESTAMP(3);
ALTER TABLE "SmsMessage" ADD COLUMN "attempts" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "SmsMessage" ADD COLUMN "sentAt" TIMESTAMP(3);
CREATE INDEX "SmsMessage_status_dueAt_idx" ON "SmsMessage"("status", "dueAt");
