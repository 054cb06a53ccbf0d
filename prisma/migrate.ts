/**
 * `npm run db:migrate`: apply the committed migrations to the database named by DATABASE_URL
 * (embedded PGlite when unset) through Prisma's JavaScript schema engine.
 */
import { runMigrations } from '../server/db/run-migrations';

runMigrations(process.env.DATABASE_URL).then(
  () => process.exit(0),
  (err: Error) => {
    console.error(`数据库迁移失败：${err.message}`);
    process.exit(1);
  },
);
