import { runMigrations } from '../../server/db/run-migrations';
import { createDb } from '../../server/db/create-db';
import { seedDemo } from '../../prisma/seed/demo-data';
import { createScratchDatabase, dropScratchDatabase } from './pg-admin';

/**
 * A database of the test file's own, migrated, and with the demo province loaded unless `seed` is false:
 * for tests that count whole tables or the whole tree, which other test files (and the builders' own
 * counties) would disturb in the run's shared database. Drop it with dropScratchDatabase(name).
 */
export async function createOwnDatabase(
  prefix: string,
  opts: { seed?: boolean } = {},
): Promise<{ name: string; url: string }> {
  const scratch = await createScratchDatabase(prefix);
  try {
    await runMigrations(scratch.url);
    if (opts.seed ?? true) {
      const h = createDb(scratch.url, { poolSize: 2 });
      try {
        await seedDemo(h.db);
      } finally {
        await h.close();
      }
    }
  } catch (err) {
    await dropScratchDatabase(scratch.name).catch(() => undefined);
    throw err;
  }
  return scratch;
}
