import type { Db } from '../db/create-db';
import { AppError } from '../errors/app-error';
import { sqlTimestamp, type SqlRunner } from '../db/sql-runner';
import { groupCommit, perRunner } from '../db/group-commit';

export interface RateRule {
  /** Requests per user per window (signed-in callers). */
  perUser?: number;
  /** Requests per client IP per window. Generous: schools and mobile networks put many parents behind one address. */
  perIp?: number;
  /** Requests per window from everyone together (a ceiling on a procedure that guesses could target). */
  global?: number;
  windowSeconds: number;
}

/** The statement: adds `n` to each bucket of the window, answering each bucket's count after it. */
async function addToBuckets(sql: SqlRunner, windowStart: Date, keys: string[], adds: number[]) {
  return sql<{ key: string; count: number }>(
    `INSERT INTO "RateLimitBucket" ("key", "windowStart", "count")
     SELECT k, $1::timestamp, n FROM unnest($2::text[], $3::int[]) AS b(k, n)
     ON CONFLICT ("key", "windowStart") DO UPDATE SET "count" = "RateLimitBucket"."count" + EXCLUDED."count"
     RETURNING "key", "count"`,
    [sqlTimestamp(windowStart), keys, adds],
  );
}

interface Counting {
  windowStart: Date;
  keys: string[];
}

/**
 * Per server process, the counts arriving at the same moment go as one statement: a burst behind one
 * address (a school's network, the minute a lecture opens) would otherwise queue every request on the
 * row lock of that address's bucket. Each caller still gets its own exact count: a bucket incremented
 * n times in a group to C gives its callers C-n+1 … C, in arrival order.
 */
const countersOf = perRunner((sql: SqlRunner) =>
  groupCommit<Counting, number[]>(
    async (_window, calls) => {
      const adds = new Map<string, number>();
      for (const c of calls) for (const k of c.keys) adds.set(k, (adds.get(k) ?? 0) + 1);
      const rows = await addToBuckets(sql, calls[0].windowStart, [...adds.keys()], [...adds.values()]);
      // Hand out the counts: the first caller of a bucket gets the lowest.
      const next = new Map(rows.map((r) => [r.key, r.count - adds.get(r.key)! + 1]));
      return calls.map((c) =>
        c.keys.map((k) => {
          const n = next.get(k)!;
          next.set(k, n + 1);
          return n;
        }),
      );
    },
    { concurrency: 4, maxGroup: 500 },
  ),
);

/**
 * Fixed-window counters in PostgreSQL, so the limit holds across every server process. The user's and
 * the IP's bucket are counted together; over the limit answers 429 in Chinese.
 */
export async function enforceRateLimit(
  sql: SqlRunner,
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
  const counts = await countersOf(sql)(String(windowStart.getTime()), {
    windowStart,
    keys: keys.map((k) => k.key),
  });
  if (counts.some((count, i) => count > keys[i].limit)) {
    throw new AppError(
      'TOO_MANY_REQUESTS',
      `操作过于频繁，请 ${rule.windowSeconds >= 60 ? `${Math.ceil(rule.windowSeconds / 60)} 分钟` : `${rule.windowSeconds} 秒`}后再试`,
    );
  }
}

/** Old windows are deleted by the maintenance job. */
export async function purgeRateLimitBuckets(db: Db, now = new Date()) {
  const { count } = await db.rateLimitBucket.deleteMany({
    where: { windowStart: { lt: new Date(now.getTime() - 2 * 3600_000) } },
  });
  return count;
}

const HOUR_MS = 3_600_000;

/**
 * A lockout after too many wrong guesses of a short secret (an invitation, a 6-digit check-in code):
 * failures are counted per user in the hour's bucket (kept outside any transaction that rolls back), and
 * once `perHour` is reached the user cannot try again until the hour is over.
 */
export function failureLockout(name: string, perHour: number, message: string) {
  const keyOf = (userId: string) => `${name}:fail:u:${userId}`;
  const hourOf = (now: Date) => new Date(Math.floor(now.getTime() / HOUR_MS) * HOUR_MS);
  return {
    perHour,
    async assertNotLockedOut(db: Db, userId: string, now = new Date()) {
      const row = await db.rateLimitBucket.findUnique({
        where: { key_windowStart: { key: keyOf(userId), windowStart: hourOf(now) } },
        select: { count: true },
      });
      if ((row?.count ?? 0) >= perHour) throw new AppError('TOO_MANY_REQUESTS', message);
    },
    async recordFailure(db: Db, userId: string, now = new Date()) {
      await db.$executeRaw`
        INSERT INTO "RateLimitBucket" ("key", "windowStart", "count") VALUES (${keyOf(userId)}, ${hourOf(now)}, 1)
        ON CONFLICT ("key", "windowStart") DO UPDATE SET "count" = "RateLimitBucket"."count" + 1`;
    },
  };
}
