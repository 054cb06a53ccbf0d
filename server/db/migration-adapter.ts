/**
 * Driver adapter factories for the Prisma CLI's JavaScript schema engine (`migrate deploy`).
 * Kept apart from the runtime client so that the CLI config stays small.
 */
import path from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PGlite } from '@electric-sql/pglite';
import { parseDatabaseUrl } from './database-url';

type Factory = ConstructorParameters<typeof Object>[0] & {
  connect(): Promise<unknown>;
  connectToShadowDb(): Promise<unknown>;
  provider: 'postgres';
  adapterName: string;
};

/**
 * Workaround for prisma/orm#27403 (https://github.com/prisma/prisma/issues/27403): with
 * @prisma/adapter-pg the JS schema engine fails with "Column type 'name' could not be deserialized"
 * when reading catalog tables. Report `name` (OID 19) and `char` (OID 18) columns as `text` (25).
 * Used only by the migration adapter, never by the application's client.
 */
function reportNameAsText<T extends object>(queryable: T): T {
  const q = queryable as unknown as { performIO: (query: unknown) => Promise<{ fields?: { dataTypeID: number }[] }> };
  const performIO = q.performIO.bind(q);
  q.performIO = async (query) => {
    const result = await performIO(query);
    for (const field of result.fields ?? []) {
      if (field.dataTypeID === 19 || field.dataTypeID === 18) field.dataTypeID = 25;
    }
    return result;
  };
  const tx = queryable as unknown as { startTransaction?: (iso?: unknown) => Promise<object> };
  if (typeof tx.startTransaction === 'function') {
    const start = tx.startTransaction.bind(queryable);
    tx.startTransaction = async (iso?: unknown) => reportNameAsText(await start(iso));
  }
  return queryable;
}

/**
 * @prisma/adapter-pg 6.19 runs a migration script by splitting it on ";", which breaks
 * dollar-quoted function bodies (our audit-log trigger). Send the script whole instead: PostgreSQL's
 * simple query protocol runs it as one implicit transaction, so a failing migration leaves nothing behind.
 */
function executeScriptWhole<T extends object>(adapter: T): T {
  const a = adapter as unknown as {
    executeScript(script: string): Promise<void>;
    underlyingDriver(): { query(sql: string): Promise<unknown> };
    onError(error: unknown): never;
  };
  a.executeScript = async (script: string) => {
    try {
      await a.underlyingDriver().query(script);
    } catch (error) {
      a.onError(error);
    }
  };
  return adapter;
}

function forMigrations(inner: PrismaPg): Factory {
  return {
    provider: 'postgres',
    adapterName: inner.adapterName,
    connect: async () => executeScriptWhole(reportNameAsText(await inner.connect())),
    connectToShadowDb: async () => executeScriptWhole(reportNameAsText(await inner.connectToShadowDb())),
  };
}

export async function createMigrationAdapter(databaseUrl: string | undefined, root: string) {
  const target = parseDatabaseUrl(databaseUrl, root);
  if (target.kind === 'postgres') {
    return forMigrations(new PrismaPg({ connectionString: target.url }));
  }
  const pglite = new PGlite(path.resolve(root, target.dir));
  const inner = new PrismaPGlite(pglite);
  // The PGlite adapter's dispose() leaves the database open, which keeps the CLI process alive
  // after `migrate deploy` has finished: close it with the connection.
  const closing = async <T extends { dispose(): Promise<void> }>(adapter: T): Promise<T> => {
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      await dispose();
      if (!pglite.closed) await pglite.close();
    };
    return adapter;
  };
  return {
    provider: 'postgres' as const,
    adapterName: inner.adapterName,
    connect: async () => closing(await inner.connect()),
    connectToShadowDb: () => inner.connectToShadowDb(),
  };
}
