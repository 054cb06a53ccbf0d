import type { Db } from '../../db/create-db';
import type { Actor } from '../../auth/auth-user';
import { AppError } from '../../errors/app-error';
import { writeAudit } from '../audit/write-audit';
import { hashPassword, verifyPassword } from './password';

/**
 * A staff member sets their own password (required after an initial one). The other sessions of the account
 * end: whoever knew the old password is signed out. Audited.
 */
export async function changePassword(opts: {
  db: Db;
  actor: Actor & { sessionId: string };
  input: { currentPassword: string; newPassword: string };
}) {
  const { db, actor, input } = opts;
  const user = await db.user.findUniqueOrThrow({ where: { id: actor.id }, select: { passwordHash: true } });
  if (!user.passwordHash) throw new AppError('BAD_REQUEST', '微信登录的账号没有密码');
  if (!(await verifyPassword(input.currentPassword, user.passwordHash)))
    throw new AppError('BAD_REQUEST', '当前密码不正确');
  if (input.currentPassword === input.newPassword) throw new AppError('BAD_REQUEST', '新密码不能与当前密码相同');
  const passwordHash = await hashPassword(input.newPassword);
  await db.$transaction(async (tx) => {
    await tx.user.update({
      where: { id: actor.id },
      data: { passwordHash, mustChangePassword: false },
      select: { id: true },
    });
    await tx.authSession.updateMany({
      where: { userId: actor.id, revokedAt: null, id: { not: actor.sessionId } },
      data: { revokedAt: new Date() },
    });
    await writeAudit(tx, {
      actorUserId: actor.id,
      action: 'auth.passwordChanged',
      targetType: 'User',
      targetId: actor.id,
    });
  });
  return { ok: true as const };
}
