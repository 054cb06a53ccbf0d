import { createHash } from 'node:crypto';
import type { DbHandle } from './create-db';

/** Runs one parameterised SQL statement ($1, $2, …) and returns its rows. */
export type SqlRunner = <T>(text: string, values: unknown[]) => Promise<T[]>;

/**
 * For the few hot paths (every request's session lookup, check-in): on PostgreSQL straight through the
 * `pg` pool that Prisma's adapter also uses, skipping the query compiler; on PGlite through Prisma.
 */
export function createSqlRunner(handle: Pick<DbHandle, 'db' | 'pool'>): SqlRunner {
  if (handle.pool) {
    const pool = handle.pool;
    // Named (prepared) statements: each connection parses and plans a hot statement once, not on every
    // request. Their texts are fixed in the code, so the set stays small. (Behind a pooler in transaction
    // mode, that pooler must keep prepared statements: PgBouncer ≥ 1.21 with max_prepared_statements.)
    const names = new Map<string, string>();
    const nameOf = (text: string) => {
      let name = names.get(text);
      if (!name) names.set(text, (name = `hb_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`));
      return name;
    };
    return async <T>(text: string, values: unknown[]) =>
      (await pool.query({ name: nameOf(text), text, values })).rows as T[];
  }
  return <T>(text: string, values: unknown[]) => handle.db.$queryRawUnsafe<T[]>(text, ...values);
}

/** A `Date` as a literal for the database's `timestamp(3)` columns, which hold UTC instants. */
export function sqlTimestamp(d: Date): string {
  return d.toISOString().replace('T', ' ').replace('Z', '');
}
