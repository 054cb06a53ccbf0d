import type { Db } from '../../db/create-db';
import type { AuthUser } from '../../trpc/context';
import { hashToken } from './tokens';

/** One query: the live session for a token, with the user's roles (and their org-unit paths) and family. */
export async function resolveUserByToken(db: Db, token: string): Promise<AuthUser | null> {
  const session = await db.authSession.findUnique({
    where: { tokenHash: hashToken(token) },
    select: {
      id: true,
      expiresAt: true,
      revokedAt: true,
      user: {
        select: {
          id: true,
          displayName: true,
          disabled: true,
          guardian: { select: { familyId: true } },
          roles: { select: { role: true, orgUnit: { select: { id: true, name: true, path: true } } } },
        },
      },
    },
  });
  if (!session || session.revokedAt || session.expiresAt.getTime() <= Date.now() || session.user.disabled) return null;
  const u = session.user;
  return {
    id: u.id,
    displayName: u.displayName,
    familyId: u.guardian?.familyId ?? null,
    sessionId: session.id,
    roles: u.roles.map((r) => ({ role: r.role, orgUnitId: r.orgUnit.id, orgUnitName: r.orgUnit.name, orgUnitPath: r.orgUnit.path })),
  };
}
