// Prisma CLI configuration: the JavaScript schema engine with driver adapters, so that no native
// engine is downloaded (see README "Database"). Pass it as `prisma … --config prisma/prisma.config.ts`.
import path from 'node:path';
import { defineConfig } from 'prisma/config';
import { createMigrationAdapter } from '../server/db/migration-adapter';

const root = path.resolve(__dirname, '..');

// The schema's datasource needs a url to parse; the connection itself goes through `adapter` below.
process.env.PRISMA_SCHEMA_PLACEHOLDER_URL ??= 'postgresql://via-driver-adapter/unused';

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: path.join(root, 'prisma', 'schema.prisma'),
  migrations: { path: path.join(root, 'prisma', 'migrations') },
  adapter: () => createMigrationAdapter(process.env.DATABASE_URL, root) as never,
});
