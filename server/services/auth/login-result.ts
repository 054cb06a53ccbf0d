import type { Db } from '../../db/create-db';
import type { Env } from '../../env';
import { issueSession } from './tokens';
import { writeAudit } from '../audit/write-audit';

/** Issues a token for `userId` and returns the contract's `{token, user:{id, roles}}`. */
export async function loginResult(db: Db, env: Env, userId: string, method: 'wechat' | 'password') {
  return db.$transaction(async (tx) => {
    const { token, expiresAt } = await issueSession(tx, userId, env.TOKEN_TTL_HOURS);
    const account = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { mustChangePassword: true } });
    const roles = await tx.roleAssignment.findMany({
      where: { userId },
      select: { role: true, orgUnit: { select: { id: true, name: true, kind: true } } },
      orderBy: { createdAt: 'asc' },
    });
    await writeAudit(tx, {
      actorUserId: userId,
      action: 'auth.login',
      targetType: 'User',
      targetId: userId,
      detail: { method },
    });
    return {
      token,
      expiresAt: expiresAt.toISOString(),
      user: {
        id: userId,
        mustChangePassword: account.mustChangePassword,
        roles: roles.map((r) => ({
          role: r.role,
          orgUnitId: r.orgUnit.id,
          orgUnitName: r.orgUnit.name,
          orgUnitKind: r.orgUnit.kind,
        })),
      },
    };
  });
}
