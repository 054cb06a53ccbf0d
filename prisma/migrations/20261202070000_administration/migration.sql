-- Administration (issue: ready for a real region). Community sites carry their kind and township or street;
-- units can be closed (kept for the figures of past years); new staff accounts change their initial password
-- at first login.
CREATE TYPE "SiteType" AS ENUM ('COMMUNITY_PARENT_SCHOOL', 'GUIDANCE_STATION', 'WOMEN_CHILDREN_HOME', 'CIVILIZATION_STATION');
ALTER TABLE "OrgUnit" ADD COLUMN "siteType" "SiteType", ADD COLUMN "township" TEXT, ADD COLUMN "closedAt" TIMESTAMP(3);
ALTER TABLE "User" ADD COLUMN "mustChangePassword" BOOLEAN NOT NULL DEFAULT false;
