import type { Db } from '../../db/create-db';
import type { Env } from '../../env';
import { AppError } from '../../errors/app-error';
import { verifyPassword } from './password';
import { loginResult } from './login-result';

/**
 * Staff sign-in. After LOGIN_MAX_FAILURES wrong passwords in a row the account is locked for
 * LOGIN_LOCK_MINUTES and every attempt answers 429, the right password included.
 */
export async function loginWithPassword(opts: { db: Db; env: Env; input: { username: string; password: string } }) {
  const { db, env } = opts;
  const { username, password } = opts.input;
  const user = await db.user.findUnique({
    where: { username },
    select: { id: true, passwordHash: true, lockedUntil: true, disabled: true },
  });
  if (user?.lockedUntil && user.lockedUntil.getTime() > Date.now()) {
    const minutes = Math.ceil((user.lockedUntil.getTime() - Date.now()) / 60_000);
    throw new AppError('TOO_MANY_REQUESTS', `登录失败次数过多，账号已锁定，请 ${minutes} 分钟后再试`);
  }
  const ok = await verifyPassword(password, user?.passwordHash);
  if (!user || !ok || user.disabled) {
    if (user) {
      // Counted in one statement so that concurrent attempts cannot lose a failure.
      const rows = await db.$queryRaw<{ locked: boolean }[]>`
        UPDATE "User"
           SET "failedLogins" = CASE WHEN "failedLogins" + 1 >= ${env.LOGIN_MAX_FAILURES} THEN 0 ELSE "failedLogins" + 1 END,
               "lockedUntil"  = CASE WHEN "failedLogins" + 1 >= ${env.LOGIN_MAX_FAILURES}
                                     THEN now() + make_interval(mins => ${env.LOGIN_LOCK_MINUTES}::int)
                                     ELSE "lockedUntil" END
         WHERE id = ${user.id}
     RETURNING ("lockedUntil" IS NOT NULL AND "lockedUntil" > now()) AS locked`;
      if (rows[0]?.locked) {
        throw new AppError('TOO_MANY_REQUESTS', `登录失败次数过多，账号已锁定 ${env.LOGIN_LOCK_MINUTES} 分钟`);
      }
    }
    throw new AppError('UNAUTHORIZED', '用户名或密码错误');
  }
  await db.user.update({ where: { id: user.id }, data: { failedLogins: 0, lockedUntil: null }, select: { id: true } });
  return loginResult(db, env, user.id, 'password');
}
