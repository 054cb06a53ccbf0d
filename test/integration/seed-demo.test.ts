/** The demo seed on databases of its own: it refuses to add its public-password accounts next to real users. */
import { createDb } from '../../server/db/create-db';
import { dropScratchDatabase } from '../helpers/pg-admin';
import { createOwnDatabase } from '../helpers/scratch-database';
import { seedDemo } from '../../prisma/seed/demo-data';

it('refuses a database that already has real users, and writes nothing', async () => {
  const scratch = await createOwnDatabase('hb_seed', { seed: false });
  const h = createDb(scratch.url, { poolSize: 2 });
  try {
    await h.db.user.create({ data: { username: 'real.coordinator', displayName: '真实用户' }, select: { id: true } });
    await expect(seedDemo(h.db)).rejects.toThrow(/数据库中已有用户，拒绝载入演示数据/);
    expect(await h.db.user.count()).toBe(1);
    expect(await h.db.orgUnit.count()).toBe(0);
  } finally {
    await h.close();
    await dropScratchDatabase(scratch.name);
  }
}, 120_000);

it('loads an empty database, and a second run changes nothing', async () => {
  const scratch = await createOwnDatabase('hb_seed', { seed: false });
  const h = createDb(scratch.url, { poolSize: 2 });
  try {
    expect(await seedDemo(h.db)).toEqual({ seeded: true });
    const users = await h.db.user.count();
    expect(await h.db.user.findUnique({ where: { username: 'admin' }, select: { id: true } })).not.toBeNull();
    expect(await seedDemo(h.db)).toEqual({ seeded: false });
    expect(await h.db.user.count()).toBe(users);
  } finally {
    await h.close();
    await dropScratchDatabase(scratch.name);
  }
}, 180_000);
