import type { Db } from '../../db/create-db';
import type { AuthUser } from '../../auth/auth-user';
import { writeAudit } from '../audit/write-audit';
import { revokeSession } from './tokens';

/** Ends this session (its token stops working at once). */
export async function logOut(opts: { db: Db; actor: Pick<AuthUser, 'sessionId'> }) {
  await revokeSession(opts.db, opts.actor.sessionId);
  return { ok: true as const };
}

/** Ends every session of the user, this one included ("log out everywhere", e.g. after losing a phone). */
export async function logOutEverywhere(opts: { db: Db; actor: Pick<AuthUser, 'id'> }) {
  const { db, actor } = opts;
  return db.$transaction(async (tx) => {
    const { count } = await tx.authSession.updateMany({
      where: { userId: actor.id, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    await writeAudit(tx, {
      actorUserId: actor.id,
      action: 'auth.logoutEverywhere',
      targetType: 'User',
      targetId: actor.id,
      detail: { revoked: count },
    });
    return { ok: true as const, revoked: count };
  });
}
