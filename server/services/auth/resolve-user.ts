import type { SqlRunner } from '../../db/sql-runner';
import type { AuthUser, RoleGrant } from '../../auth/auth-user';
import { hashToken } from './tokens';
import { privacyConsentedSql } from '../consents/consent-sql';
import { groupCommit, perRunner } from '../../db/group-commit';

/**
 * The live session for a token, with the user's family and roles (with their org-unit paths), in one
 * SQL round trip: it runs before every signed-in request, so it is written by hand.
 *
 * It also says whether the user consents to the privacy notice in force (privacy:basic), which every write of
 * a parent's personal data needs (server/trpc/procedures.ts).
 *
 * A staff session (the user holds a role) also ends after `staffIdleMinutes` without a request, since
 * staff read decrypted records; a parent's lasts until it expires. The same statement notes a staff
 * request (at most once a minute, so most requests write nothing); a parent's request writes nothing here,
 * since nothing reads when a parent was last seen (a check-in burst would otherwise write every token's row).
 */
type SessionRow = {
  tokenHash: string;
  sessionId: string;
  id: string;
  displayName: string;
  familyId: string | null;
  roles: RoleGrant[] | null;
  privacyConsent: boolean;
  mustChangePassword: boolean;
};

/** The statement, for any number of tokens at once (by their hashes): one row per live session. */
function liveSessions(sql: SqlRunner, hashes: string[], staffIdleMinutes: number) {
  return sql<SessionRow>(
    `
    WITH found AS (
      SELECT s.id, s."userId", s."tokenHash", s."lastSeenAt",
             EXISTS (SELECT 1 FROM "RoleAssignment" r WHERE r."userId" = s."userId") AS staff
        FROM "AuthSession" s JOIN "User" u ON u.id = s."userId"
       WHERE s."tokenHash" = ANY($1::text[]) AND s."revokedAt" IS NULL AND s."expiresAt" > now() AND NOT u.disabled
    ), live AS (
      SELECT id, "userId", "tokenHash", staff FROM found
       WHERE NOT staff OR "lastSeenAt" > now() - make_interval(mins => $2::int)
    ), seen AS (
      UPDATE "AuthSession" SET "lastSeenAt" = now()
       WHERE id IN (SELECT id FROM live WHERE staff) AND "lastSeenAt" < now() - interval '1 minute'
      RETURNING 1
    )
    SELECT DISTINCT ON (live."tokenHash") live."tokenHash", live.id AS "sessionId", u.id, u."displayName",
           g."familyId", u."mustChangePassword",
           (SELECT json_agg(json_build_object('role', r.role, 'orgUnitId', o.id, 'orgUnitName', o.name, 'orgUnitKind', o.kind, 'orgUnitPath', o.path) ORDER BY r."createdAt")
              FROM "RoleAssignment" r JOIN "OrgUnit" o ON o.id = r."orgUnitId" WHERE r."userId" = u.id) AS roles,
           ${privacyConsentedSql('u.id')} AS "privacyConsent"
      FROM live
      JOIN "User" u ON u.id = live."userId"
      LEFT JOIN "Guardian" g ON g."userId" = u.id
     ORDER BY live."tokenHash", g."createdAt"`,
    [hashes, staffIdleMinutes],
  );
}

/**
 * Per server process (one `sql` runner each), the look-ups arriving at the same moment go as one
 * statement (a burst of a thousand parents the minute registration opens is a thousand of them): a few
 * groups at a time, so one slow statement does not hold up the others.
 */
const lookupsOf = perRunner((sql: SqlRunner) =>
  groupCommit<string, SessionRow | null>(
    async (idle, hashes) => {
      const rows = await liveSessions(sql, hashes, Number(idle));
      const byHash = new Map(rows.map((r) => [r.tokenHash, r]));
      return hashes.map((h) => byHash.get(h) ?? null);
    },
    { concurrency: 4, maxGroup: 200 },
  ),
);

export async function resolveUserByToken(
  sql: SqlRunner,
  token: string,
  opts: { staffIdleMinutes: number },
): Promise<AuthUser | null> {
  const r = await lookupsOf(sql)(String(opts.staffIdleMinutes), hashToken(token));
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
