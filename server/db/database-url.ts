import path from 'node:path';

export type DatabaseTarget = { kind: 'postgres'; url: string } | { kind: 'pglite'; dir: string };

/** The embedded database's default folder (ignored by git). */
export const DEFAULT_PGLITE_DIR = 'prisma/.pglite';

/**
 * `DATABASE_URL` unset or `pglite:<dir>` → embedded PGlite; `postgresql://…` or `postgres://…` → PostgreSQL.
 */
export function parseDatabaseUrl(url: string | undefined, root: string): DatabaseTarget {
  if (!url || url === 'pglite' || url === 'pglite:') {
    return { kind: 'pglite', dir: path.resolve(root, DEFAULT_PGLITE_DIR) };
  }
  if (url.startsWith('pglite:')) {
    return { kind: 'pglite', dir: path.resolve(root, url.slice('pglite:'.length)) };
  }
  if (url.startsWith('postgresql://') || url.startsWith('postgres://')) {
    return { kind: 'postgres', url };
  }
  throw new Error('DATABASE_URL 必须是 postgresql://… 或 pglite:<目录>');
}
