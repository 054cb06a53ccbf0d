// One SQL test for "this user consents to the privacy notice in force" (privacy:basic, not withdrawn, to the
// text now in force), for the statements that run per request or per message and cannot afford a query more.

/** A boolean SQL expression over the user id in `userColumn` (a trusted column name, never input). */
export function privacyConsentedSql(userColumn: string): string {
  return `EXISTS (SELECT 1 FROM "Consent" c JOIN "ConsentText" t ON t.scope = c.scope AND t."textVersion" = c."textVersion" AND t."inForce"
                   WHERE c."userId" = ${userColumn} AND c.scope = 'privacy:basic' AND c."withdrawnAt" IS NULL)`;
}
