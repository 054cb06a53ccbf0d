import type { Db } from '../../db/create-db';
import type { Env } from '../../env';
import { AppError } from '../../errors/app-error';
import { verifyPassword } from './password';
import { loginResult } from './login-result';
import { writeAudit } from '../audit/write-audit';

/** Audit rows of the attempts on an account (no password, no source address). */
function auditAttempt(db: Db, userId: string, action: 'auth.loginFailed' | 'auth.loginRefused' | 'auth.locked') {
  return writeAudit(db, { actorUserId: null, action, targetType: 'User', targetId: userId });
}

/** A reservation older than this belongs to a process that died mid-check: it no longer counts. */
const STALE_RESERVATION = '1 minute';

/**
 * Staff sign-in. After LOGIN_MAX_FAILURES wrong passwords in a row the account is locked for
 * LOGIN_LOCK_MINUTES and every attempt answers 429, the right password included.
 *
 * Each attempt first reserves a check in one statement: it counts as a failure until it is proven
 * right, so of any number of concurrent attempts no more than the allowed failures (plus one after a
 * success resets the count) reach the password hash; the others answer 429 at once.
 */
export async function loginWithPassword(opts: { db: Db; env: Env; input: { username: string; password: string } }) {
  const { db, env } = opts;
  const { username, password } = opts.input;
  const user = await db.user.findUnique({
    where: { username },
    select: { id: true, passwordHash: true, disabled: true },
  });
  if (!user) {
    // The same work and the same answer as a wrong password: no telling which usernames exist.
    await verifyPassword(password, undefined);
    throw new AppError('UNAUTHORIZED', '用户名或密码错误');
  }
  const reserved = await db.$queryRaw<{ id: string }[]>`
    UPDATE "User"
       SET "pendingLogins" = CASE WHEN "pendingSince" < now() - ${STALE_RESERVATION}::interval OR "pendingSince" IS NULL
                                  THEN 1 ELSE "pendingLogins" + 1 END,
           "pendingSince" = now()
     WHERE id = ${user.id}
       AND ("lockedUntil" IS NULL OR "lockedUntil" <= now())
       AND "failedLogins" + (CASE WHEN "pendingSince" < now() - ${STALE_RESERVATION}::interval OR "pendingSince" IS NULL
                                  THEN 0 ELSE "pendingLogins" END) < ${env.LOGIN_MAX_FAILURES}
    RETURNING id`;
  if (reserved.length === 0) {
    await auditAttempt(db, user.id, 'auth.loginRefused');
    const row = await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { lockedUntil: true } });
    if (row.lockedUntil && row.lockedUntil.getTime() > Date.now()) {
      const minutes = Math.ceil((row.lockedUntil.getTime() - Date.now()) / 60_000);
      throw new AppError('TOO_MANY_REQUESTS', `登录失败次数过多，账号已锁定，请 ${minutes} 分钟后再试`);
    }
    throw new AppError('TOO_MANY_REQUESTS', '登录尝试过于频繁，请稍后再试');
  }
  const ok = (await verifyPassword(password, user.passwordHash)) && !user.disabled;
  if (!ok) {
    // The reservation becomes a counted failure; the one that reaches the limit locks the account.
    const rows = await db.$queryRaw<{ locked: boolean }[]>`
      UPDATE "User"
         SET "pendingLogins" = GREATEST("pendingLogins" - 1, 0),
             "failedLogins" = CASE WHEN "failedLogins" + 1 >= ${env.LOGIN_MAX_FAILURES} THEN 0 ELSE "failedLogins" + 1 END,
             "lockedUntil"  = CASE WHEN "failedLogins" + 1 >= ${env.LOGIN_MAX_FAILURES}
                                   THEN now() + make_interval(mins => ${env.LOGIN_LOCK_MINUTES}::int)
                                   ELSE "lockedUntil" END
       WHERE id = ${user.id}
   RETURNING ("lockedUntil" IS NOT NULL AND "lockedUntil" > now()) AS locked`;
    await auditAttempt(db, user.id, 'auth.loginFailed');
    if (rows[0]?.locked) {
      await auditAttempt(db, user.id, 'auth.locked');
      throw new AppError('TOO_MANY_REQUESTS', `登录失败次数过多，账号已锁定 ${env.LOGIN_LOCK_MINUTES} 分钟`);
    }
    throw new AppError('UNAUTHORIZED', '用户名或密码错误');
  }
  await db.$executeRaw`
    UPDATE "User" SET "pendingLogins" = GREATEST("pendingLogins" - 1, 0), "failedLogins" = 0, "lockedUntil" = NULL
     WHERE id = ${user.id}`;
  return loginResult(db, env, user.id, 'password');
}
