import type { SqlRunner } from '../../db/sql-runner';
import type { AuthUser, RoleGrant } from '../../auth/auth-user';
import { hashToken } from './tokens';

/**
 * The live session for a token, with the user's family and roles (with their org-unit paths), in one
 * SQL round trip: it runs before every signed-in request, so it is written by hand.
 */
export async function resolveUserByToken(sql: SqlRunner, token: string): Promise<AuthUser | null> {
  const rows = await sql<{
    sessionId: string;
    id: string;
    displayName: string;
    familyId: string | null;
    roles: RoleGrant[] | null;
  }>(
    `
    SELECT s.id AS "sessionId", u.id, u."displayName", g."familyId",
           (SELECT json_agg(json_build_object('role', r.role, 'orgUnitId', o.id, 'orgUnitName', o.name, 'orgUnitPath', o.path) ORDER BY r."createdAt")
              FROM "RoleAssignment" r JOIN "OrgUnit" o ON o.id = r."orgUnitId" WHERE r."userId" = u.id) AS roles
      FROM "AuthSession" s
      JOIN "User" u ON u.id = s."userId"
      LEFT JOIN "Guardian" g ON g."userId" = u.id
     WHERE s."tokenHash" = $1 AND s."revokedAt" IS NULL AND s."expiresAt" > now() AND NOT u.disabled`,
    [hashToken(token)],
  );
  const r = rows[0];
  if (!r) return null;
  return { id: r.id, displayName: r.displayName, familyId: r.familyId, sessionId: r.sessionId, roles: r.roles ?? [] };
}
