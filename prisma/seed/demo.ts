/**
 * `npm run seed:demo`: creates the demo data (docs: api-contract.md "Demo data") in the database named by
 * DATABASE_URL (embedded PGlite when unset). Idempotent. Run `npm run db:migrate` first.
 */
import { createDb } from '../../server/db/create-db';
import { seedDemo } from './demo-data';

async function main(): Promise<void> {
  const handle = createDb(process.env.DATABASE_URL);
  try {
    await seedDemo(handle.db, { log: console.log });
  } finally {
    await handle.close();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(`创建演示数据失败：${err instanceof Error ? err.message : String(err)}`);
    console.error('请确认数据库可以连接，并已先运行 npm run db:migrate。');
    process.exit(1);
  },
);
