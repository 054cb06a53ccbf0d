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
    return async <T>(text: string, values: unknown[]) => (await pool.query(text, values)).rows as T[];
  }
  return <T>(text: string, values: unknown[]) => handle.db.$queryRawUnsafe<T[]>(text, ...values);
}

/** A `Date` as a literal for the database's `timestamp(3)` columns, which hold UTC instants. */
export function sqlTimestamp(d: Date): string {
  return d.toISOString().replace('T', ' ').replace('Z', '');
}
