import type { SqlRunner } from '../../db/sql-runner';
import type { AuthUser, RoleGrant } from '../../auth/auth-user';
import { hashToken } from './tokens';
import { privacyConsentedSql } from '../consents/consent-sql';

/**
 * The live session for a token, with the user's family and roles (with their org-unit paths), in one
 * SQL round trip: it runs before every signed-in request, so it is written by hand.
 *
 * It also says whether the user consents to the privacy notice in force (privacy:basic), which every write of
 * a parent's personal data needs (server/trpc/procedures.ts).
 *
 * A staff session (the user holds a role) also ends after `staffIdleMinutes` without a request, since
 * staff read decrypted records; a parent's lasts until it expires. The same statement notes the request
 * (at most once a minute, so most requests write nothing).
 */
export async function resolveUserByToken(
  sql: SqlRunner,
  token: string,
  opts: { staffIdleMinutes: number },
): Promise<AuthUser | null> {
  const rows = await sql<{
    sessionId: string;
    id: string;
    displayName: string;
    familyId: string | null;
    roles: RoleGrant[] | null;
    privacyConsent: boolean;
    mustChangePassword: boolean;
  }>(
    `
    WITH live AS (
      SELECT s.id, s."userId"
        FROM "AuthSession" s JOIN "User" u ON u.id = s."userId"
       WHERE s."tokenHash" = $1 AND s."revokedAt" IS NULL AND s."expiresAt" > now() AND NOT u.disabled
         AND (s."lastSeenAt" > now() - make_interval(mins => $2::int)
              OR NOT EXISTS (SELECT 1 FROM "RoleAssignment" r WHERE r."userId" = s."userId"))
    ), seen AS (
      UPDATE "AuthSession" SET "lastSeenAt" = now()
       WHERE id = (SELECT id FROM live) AND "lastSeenAt" < now() - interval '1 minute'
      RETURNING 1
    )
    SELECT live.id AS "sessionId", u.id, u."displayName", g."familyId", u."mustChangePassword",
           (SELECT json_agg(json_build_object('role', r.role, 'orgUnitId', o.id, 'orgUnitName', o.name, 'orgUnitKind', o.kind, 'orgUnitPath', o.path) ORDER BY r."createdAt")
              FROM "RoleAssignment" r JOIN "OrgUnit" o ON o.id = r."orgUnitId" WHERE r."userId" = u.id) AS roles,
           ${privacyConsentedSql('u.id')} AS "privacyConsent"
      FROM live
      JOIN "User" u ON u.id = live."userId"
      LEFT JOIN "Guardian" g ON g."userId" = u.id`,
    [hashToken(token), opts.staffIdleMinutes],
  );
  const r = rows[0];
  if (!r) return null;
  return {
    id: r.id,
    displayName: r.displayName,
    familyId: r.familyId,
    sessionId: r.sessionId,
    roles: r.roles ?? [],
    privacyConsent: r.privacyConsent,
    mustChangePassword: r.mustChangePassword,
  };
}
