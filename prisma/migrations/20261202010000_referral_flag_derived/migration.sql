-- A shared checklist result no longer leaves a CHECKLIST_REFERRAL priority flag: teachers and coordinators
-- saw it, and it outlived the parent's deletion, withdrawal and the retention purge. Counsellors now see
-- the reason from the open referral itself, which goes with the response. Clear every stored one.
UPDATE "PriorityFlag" SET "clearedAt" = now() WHERE "reason" = 'CHECKLIST_REFERRAL' AND "clearedAt" IS NULL;
