import path from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import type { PGlite as PGliteType } from '@electric-sql/pglite';
import { Pool } from 'pg';
import { PrismaClient } from '../generated/prisma/client';
import { parseDatabaseUrl } from './database-url';

export type Db = PrismaClient;

export interface DbHandle {
  db: PrismaClient;
  kind: 'postgres' | 'pglite';
  /** The pg pool behind the Prisma adapter (PostgreSQL only), for the few hot paths written in SQL. */
  pool: Pool | null;
  close(): Promise<void>;
}

const root = path.resolve(__dirname, '..', '..');

/**
 * Opens the database named by DATABASE_URL: embedded PGlite when unset or `pglite:<dir>`,
 * PostgreSQL for `postgresql://…`.
 */
export function createDb(
  databaseUrl: string | undefined,
  opts: {
    poolSize?: number;
    /** Keep idle connections open (a server awaiting the next burst), instead of closing them after 10 s. */
    keepIdle?: boolean;
  } = {},
): DbHandle {
  const target = parseDatabaseUrl(databaseUrl, root);
  if (target.kind === 'postgres') {
    const pool = new Pool({
      connectionString: target.url,
      max: opts.poolSize ?? 10,
      ...(opts.keepIdle ? { idleTimeoutMillis: 0 } : {}),
      connectionTimeoutMillis: 5_000,
      // A statement that runs this long is a bug or an outage: fail it rather than hang the request.
      statement_timeout: 15_000,
    });
    // An idle client losing its connection (database restart) must not crash the process.
    pool.on('error', () => undefined);
    const db = new PrismaClient({ adapter: new PrismaPg(pool) });
    return {
      db,
      kind: 'postgres',
      pool,
      async close() {
        await db.$disconnect();
        await pool.end().catch(() => undefined);
      },
    };
  }
  // Loaded only for the embedded database, so a PostgreSQL server does not carry PGlite in memory: a
  // synchronous require keeps createDb synchronous (an `await import()` would change every caller).
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { PGlite } = require('@electric-sql/pglite') as { PGlite: typeof PGliteType };
  const { PrismaPGlite } = require('pglite-prisma-adapter') as typeof import('pglite-prisma-adapter');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const pglite = new PGlite(target.dir);
  // pglite-prisma-adapter 0.6 is typed against driver-adapter-utils 6.10; the runtime protocol matches 6.19.
  const db = new PrismaClient({ adapter: new PrismaPGlite(pglite) as never });
  return {
    db,
    kind: 'pglite',
    pool: null,
    async close() {
      await db.$disconnect();
      if (!pglite.closed) await pglite.close();
    },
  };
}
