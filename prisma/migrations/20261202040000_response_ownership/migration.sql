-- A checklist response belongs to the guardian who submitted it: another guardian of the family sees it
-- only when the submitter chose to share it within the family. Deleting a response no longer erases the
-- counsellor's notes: the referral stays, without the answers, marked as deleted by the parent.
ALTER TABLE "ChecklistResponse" ADD COLUMN "sharedWithFamily" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "Referral" ALTER COLUMN "responseId" DROP NOT NULL;
ALTER TABLE "Referral" ADD COLUMN "responseDeletedAt" TIMESTAMP(3);
ALTER TABLE "Referral" DROP CONSTRAINT "Referral_responseId_fkey";
ALTER TABLE "Referral" ADD CONSTRAINT "Referral_responseId_fkey" FOREIGN KEY ("responseId") REFERENCES "ChecklistResponse"("id") ON DELETE SET NULL ON UPDATE CASCADE;
