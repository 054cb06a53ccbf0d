import { createHash } from 'node:crypto';
import type { Db } from '../../db/create-db';
import { Prisma } from '../../generated/prisma/client';
import type { Env } from '../../env';
import { AppError } from '../../errors/app-error';
import { verifyPassword } from './password';
import { loginResult } from './login-result';
import { writeAudit } from '../audit/write-audit';

/** Audit rows of the attempts on an account (no password, no source address). */
function auditAttempt(db: Db, userId: string | null, action: 'auth.loginFailed' | 'auth.loginRefused' | 'auth.locked') {
  // Attempts on usernames that do not exist leave no row: the typed name could be anything (even a password).
  if (!userId) return Promise.resolve();
  return writeAudit(db, { actorUserId: null, action, targetType: 'User', targetId: userId });
}

/** A reservation older than this belongs to a process that died mid-check: it no longer counts. */
const STALE_RESERVATION = '1 minute';
/** The longest wait the slow-down asks for between attempts on one account. */
export const SLOWDOWN_MAX_SECONDS = 60;

/**
 * The throttle rows of a username: one per source (`…:<ip>`, which locks) and one for every source
 * together (`…:*`, which slows down). Keyed by a hash, so usernames that do not exist are throttled the same
 * way and no typed name is stored.
 */
function throttleKeys(username: string, ip: string) {
  const name = createHash('sha256').update(username.trim().toLowerCase()).digest('hex');
  return { source: `${name}:${ip}`, account: `${name}:*` };
}

/** The row's reservations still count (not left by a process that died mid-check). */
const FRESH = Prisma.sql`t."pendingSince" >= now() - ${STALE_RESERVATION}::interval`;
/** Checks under way on the row, as failures until proven right. */
const PENDING = Prisma.sql`(CASE WHEN ${FRESH} THEN t.pending ELSE 0 END)`;

/**
 * Staff sign-in, throttled per account *and* source, with no CAPTCHA:
 * - From one source (IP), LOGIN_MAX_FAILURES wrong passwords in a row lock that account for LOGIN_LOCK_MINUTES
 *   from that source only: every attempt from there answers 429, the right password included. A stranger
 *   elsewhere cannot lock the owner out.
 * - Over all sources, after LOGIN_MAX_FAILURES failures the account slows down: one attempt at a time, each
 *   after a wait that doubles with every further failure up to SLOWDOWN_MAX_SECONDS. The owner waits at most
 *   a minute; a guesser with many addresses gets about one guess a minute.
 * - A username that does not exist goes through the same steps and answers the same: no telling which exist.
 *
 * Each attempt first reserves a check in one statement per row: it counts as a failure until it is proven
 * right, so of any number of concurrent attempts no more than the allowed failures plus one reach the
 * password hash; the others answer 429 at once.
 */
export async function loginWithPassword(opts: {
  db: Db;
  env: Env;
  ip: string;
  input: { username: string; password: string };
}) {
  const { db, env } = opts;
  const { username, password } = opts.input;
  const max = env.LOGIN_MAX_FAILURES;
  const keys = throttleKeys(username, opts.ip);
  const user = await db.user.findUnique({
    where: { username },
    select: { id: true, passwordHash: true, disabled: true },
  });
  const userId = user?.id ?? null;

  const fromSource = await db.$queryRaw<{ key: string }[]>`
    INSERT INTO "LoginThrottle" AS t (key, pending, "pendingSince", "updatedAt") VALUES (${keys.source}, 1, now(), now())
    ON CONFLICT (key) DO UPDATE
       SET pending = CASE WHEN ${FRESH} THEN t.pending + 1 ELSE 1 END, "pendingSince" = now(), "updatedAt" = now()
     WHERE (t."lockedUntil" IS NULL OR t."lockedUntil" <= now()) AND t.failures + ${PENDING} < ${max}
    RETURNING key`;
  if (fromSource.length === 0) {
    await auditAttempt(db, userId, 'auth.loginRefused');
    const [row] = await db.$queryRaw<{ lockedUntil: Date | null }[]>`
      SELECT "lockedUntil" FROM "LoginThrottle" WHERE key = ${keys.source}`;
    if (row?.lockedUntil && row.lockedUntil.getTime() > Date.now()) {
      const minutes = Math.ceil((row.lockedUntil.getTime() - Date.now()) / 60_000);
      throw new AppError('TOO_MANY_REQUESTS', `登录失败次数过多，此账号在这台设备上已锁定，请 ${minutes} 分钟后再试`);
    }
    throw new AppError('TOO_MANY_REQUESTS', '登录尝试过于频繁，请稍后再试');
  }

  // Every source together: below the limit, attempts pass; above it, one at a time, spaced by the slow-down.
  const overall = await db.$queryRaw<{ key: string }[]>`
    INSERT INTO "LoginThrottle" AS t (key, pending, "pendingSince", "updatedAt") VALUES (${keys.account}, 1, now(), now())
    ON CONFLICT (key) DO UPDATE
       SET pending = CASE WHEN ${FRESH} THEN t.pending + 1 ELSE 1 END, "pendingSince" = now(), "updatedAt" = now(),
           "nextAttemptAt" = CASE WHEN t.failures + ${PENDING} >= ${max}
                                  THEN now() + make_interval(secs => ${SLOWDOWN_MAX_SECONDS}::int) ELSE t."nextAttemptAt" END
     WHERE t.failures + ${PENDING} < ${max} OR t."nextAttemptAt" IS NULL OR t."nextAttemptAt" <= now()
    RETURNING key`;
  if (overall.length === 0) {
    await release(db, keys.source);
    await auditAttempt(db, userId, 'auth.loginRefused');
    const [row] = await db.$queryRaw<{ seconds: number }[]>`
      SELECT GREATEST(1, ceil(extract(epoch FROM "nextAttemptAt" - now())))::int AS seconds FROM "LoginThrottle" WHERE key = ${keys.account}`;
    throw new AppError('TOO_MANY_REQUESTS', `登录失败次数较多，请 ${row?.seconds ?? 1} 秒后再试`);
  }

  const ok = (await verifyPassword(password, user?.passwordHash ?? undefined)) && user !== null && !user.disabled;
  if (!ok) {
    // The reservations become counted failures; the one that reaches the limit from this source locks it.
    const [src] = await db.$queryRaw<{ locked: boolean }[]>`
      UPDATE "LoginThrottle"
         SET pending = GREATEST(pending - 1, 0), "updatedAt" = now(),
             failures = CASE WHEN failures + 1 >= ${max} THEN 0 ELSE failures + 1 END,
             "lockedUntil" = CASE WHEN failures + 1 >= ${max}
                                  THEN now() + make_interval(mins => ${env.LOGIN_LOCK_MINUTES}::int) ELSE "lockedUntil" END
       WHERE key = ${keys.source}
   RETURNING ("lockedUntil" IS NOT NULL AND "lockedUntil" > now()) AS locked`;
    // The wait doubles with each failure past the limit: 2, 4, 8 … seconds, at most SLOWDOWN_MAX_SECONDS.
    await db.$executeRaw`
      UPDATE "LoginThrottle"
         SET pending = GREATEST(pending - 1, 0), failures = failures + 1, "updatedAt" = now(),
             "nextAttemptAt" = CASE WHEN failures + 1 >= ${max}
                                    THEN now() + make_interval(secs => LEAST(${SLOWDOWN_MAX_SECONDS}, power(2, LEAST(failures + 2 - ${max}, 10)))::int)
                                    ELSE "nextAttemptAt" END
       WHERE key = ${keys.account}`;
    await auditAttempt(db, userId, 'auth.loginFailed');
    if (src?.locked) {
      await auditAttempt(db, userId, 'auth.locked');
      throw new AppError(
        'TOO_MANY_REQUESTS',
        `登录失败次数过多，此账号在这台设备上已锁定 ${env.LOGIN_LOCK_MINUTES} 分钟`,
      );
    }
    throw new AppError('UNAUTHORIZED', '用户名或密码错误');
  }
  // The right password: this source and the account start afresh.
  await db.$executeRaw`DELETE FROM "LoginThrottle" WHERE key IN (${keys.source}, ${keys.account})`;
  return loginResult(db, env, user.id, 'password');
}

/** Gives back a reservation that was not used. */
function release(db: Db, key: string) {
  return db.$executeRaw`UPDATE "LoginThrottle" SET pending = GREATEST(pending - 1, 0) WHERE key = ${key}`;
}
