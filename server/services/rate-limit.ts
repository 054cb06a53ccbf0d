import type { Db } from '../db/create-db';
import { AppError } from '../errors/app-error';

export interface RateRule {
  /** Requests per user per window (signed-in callers). */
  perUser?: number;
  /** Requests per client IP per window. Generous: schools and mobile networks put many parents behind one address. */
  perIp?: number;
  /** Requests per window from everyone together (a ceiling on a procedure that guesses could target). */
  global?: number;
  windowSeconds: number;
}

/**
 * Fixed-window counters in PostgreSQL, so the limit holds across every server process. One statement
 * counts the user's and the IP's bucket together; over the limit answers 429 in Chinese.
 */
export async function enforceRateLimit(
  db: Db,
  name: string,
  rule: RateRule,
  who: { userId: string | null; ip: string | null },
  scale = 1,
  now = Date.now(),
) {
  const windowStart = new Date(Math.floor(now / (rule.windowSeconds * 1000)) * rule.windowSeconds * 1000);
  const keys: { key: string; limit: number }[] = [];
  if (rule.perUser && who.userId) keys.push({ key: `${name}:u:${who.userId}`, limit: Math.ceil(rule.perUser * scale) });
  if (rule.perIp && who.ip) keys.push({ key: `${name}:ip:${who.ip}`, limit: Math.ceil(rule.perIp * scale) });
  if (rule.global) keys.push({ key: `${name}:all`, limit: Math.ceil(rule.global * scale) });
  if (keys.length === 0 || scale === 0) return;
  const rows = await db.$queryRaw<{ key: string; count: number }[]>`
    INSERT INTO "RateLimitBucket" ("key", "windowStart", "count")
    SELECT k, ${windowStart}, 1 FROM unnest(${keys.map((k) => k.key)}::text[]) AS k
    ON CONFLICT ("key", "windowStart") DO UPDATE SET "count" = "RateLimitBucket"."count" + 1
    RETURNING "key", "count"`;
  for (const row of rows) {
    const limit = keys.find((k) => k.key === row.key)!.limit;
    if (row.count > limit) {
      throw new AppError(
        'TOO_MANY_REQUESTS',
        `操作过于频繁，请 ${rule.windowSeconds >= 60 ? `${Math.ceil(rule.windowSeconds / 60)} 分钟` : `${rule.windowSeconds} 秒`}后再试`,
      );
    }
  }
}

/** Old windows are deleted by the maintenance job. */
export async function purgeRateLimitBuckets(db: Db, now = new Date()) {
  const { count } = await db.rateLimitBucket.deleteMany({
    where: { windowStart: { lt: new Date(now.getTime() - 2 * 3600_000) } },
  });
  return count;
}
