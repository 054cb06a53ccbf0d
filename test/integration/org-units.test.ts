/**
 * The seeded province tree itself. Runs on a database of its own, loaded with the demo province, because
 * it counts every county: the builders add counties of their own in the run's shared database.
 */
import { createTestApp, type TestApp } from '../helpers/test-app';
import { dropScratchDatabase } from '../helpers/pg-admin';
import { createOwnDatabase } from '../helpers/scratch-database';
import { makeWechatUser } from '../helpers/builders';
import { provinceTreeRows } from '../../prisma/seed/province-tree';

let scratch: { name: string; url: string };
let app: TestApp;
beforeAll(async () => {
  scratch = await createOwnDatabase('hb_tree');
  app = await createTestApp({ DATABASE_URL: scratch.url });
}, 120_000);
afterAll(async () => {
  await app?.close();
  if (scratch) await dropScratchDatabase(scratch.name);
});

describe('orgUnits.children', () => {
  it('walks 黑龙江省 → 13 prefecture-level divisions → 哈尔滨’s 18 districts and counties, with GB/T 2260 codes', async () => {
    const user = await app.as((await makeWechatUser(app.db)).id);
    const caller = app.caller(user);
    const top = await caller.orgUnits.children({ parentId: null });
    expect(top).toEqual([
      {
        id: '230000',
        code: '230000',
        name: '黑龙江省',
        kind: 'PROVINCE',
        siteType: null,
        township: null,
        closedAt: null,
      },
    ]);

    const cities = await caller.orgUnits.children({ parentId: '230000' });
    expect(cities).toHaveLength(13);
    expect(cities.every((c) => c.kind === 'CITY' && /^23\d{2}00$/.test(c.code!))).toBe(true);
    expect(cities.map((c) => c.name)).toEqual(
      expect.arrayContaining(['哈尔滨市', '齐齐哈尔市', '牡丹江市', '大兴安岭地区']),
    );

    const harbin = await caller.orgUnits.children({ parentId: '230100' });
    const counties = harbin.filter((u) => u.kind === 'COUNTY');
    expect(counties).toHaveLength(18);
    expect(counties.map((c) => c.name)).toEqual(expect.arrayContaining(['南岗区', '道里区', '五常市', '依兰县']));

    const nangang = await caller.orgUnits.children({ parentId: '230103' });
    expect(nangang.map((u) => u.name)).toContain('哈尔滨市南岗区心桥实验小学');
  });

  it('matches the division package: every county of the package is in the tree', async () => {
    const rows = provinceTreeRows();
    const counties = rows.filter((r) => r.kind === 'COUNTY');
    expect(await app.db.orgUnit.count({ where: { kind: 'COUNTY' } })).toBe(counties.length);
    const sample = counties[Math.floor(counties.length / 2)];
    const stored = await app.db.orgUnit.findUniqueOrThrow({
      where: { id: sample.id },
      select: { name: true, path: true, parentId: true },
    });
    expect(stored.name).toBe(sample.name);
    expect(stored.path).toBe(`/230000/${stored.parentId}/${sample.id}/`);
  });

  it('is refused to an anonymous caller', async () => {
    await expect(app.caller(null).orgUnits.children({ parentId: null })).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
    });
  });
});
