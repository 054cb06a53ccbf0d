/**
 * The cities' own crisis lines, kept by a province ADMIN (issue 13): the help card (no login) and checklist
 * results read them; CITY_HOTLINES stays the fallback for a city without lines of its own. On a database of
 * its own, so that no other file's help card changes.
 */
import { createTestApp, type TestApp } from '../helpers/test-app';
import { dropScratchDatabase } from '../helpers/pg-admin';
import { createOwnDatabase } from '../helpers/scratch-database';
import { OTHER_TEST_CITY_ID, PROVINCE_ID, TEST_CITY_ID, makeCounty, makeStaff } from '../helpers/builders';

let scratch: { name: string; url: string };
let app: TestApp;
const ENV_LINE = { name: '环境变量热线', number: '0468-1111111' };

beforeAll(async () => {
  scratch = await createOwnDatabase('hb_hotlines', { seed: false });
  app = await createTestApp({
    DATABASE_URL: scratch.url,
    CITY_HOTLINES: JSON.stringify({ [OTHER_TEST_CITY_ID]: [ENV_LINE] }),
  });
  await makeCounty(app.db); // the province and both test cities
}, 120_000);
afterAll(async () => {
  await app?.close();
  if (scratch) await dropScratchDatabase(scratch.name);
});

const cityLines = async (cityId: string) =>
  (await app.caller(null).help.lines()).cities.find((c) => c.cityId === cityId)?.lines ?? null;

it('a province ADMIN sets a city’s lines; the help card shows them to anyone, the environment’s stay for other cities', async () => {
  const admin = await app.as((await makeStaff(app.db, 'ADMIN', PROVINCE_ID)).id);
  const lines = [
    { name: '市心理援助热线', number: '0468-12345678' },
    { name: '市青少年心理咨询', number: '12355' },
  ];
  await app.caller(admin).help.setCityLines({ cityId: TEST_CITY_ID, lines });
  expect(await cityLines(TEST_CITY_ID)).toEqual(lines);
  expect(await cityLines(OTHER_TEST_CITY_ID)).toEqual([ENV_LINE]);
  // The set is replaced as a whole; an empty list removes the city's lines.
  await app.caller(admin).help.setCityLines({ cityId: TEST_CITY_ID, lines: [lines[1]] });
  expect(await cityLines(TEST_CITY_ID)).toEqual([lines[1]]);
  await app.caller(admin).help.setCityLines({ cityId: TEST_CITY_ID, lines: [] });
  expect(await cityLines(TEST_CITY_ID)).toBeNull();
  expect(await app.db.auditLog.count({ where: { action: 'help.setCityLines', targetId: TEST_CITY_ID } })).toBe(3);
});

it('refuses a city ADMIN, a bad number and a unit that is not a city, writing nothing', async () => {
  const cityAdmin = await app.as((await makeStaff(app.db, 'ADMIN', TEST_CITY_ID)).id);
  const admin = await app.as((await makeStaff(app.db, 'ADMIN', PROVINCE_ID)).id);
  const good = { name: '热线', number: '12356' };
  await expect(app.caller(cityAdmin).help.setCityLines({ cityId: TEST_CITY_ID, lines: [good] })).rejects.toMatchObject({
    code: 'FORBIDDEN',
  });
  await expect(
    app.caller(admin).help.setCityLines({ cityId: TEST_CITY_ID, lines: [good, { name: '错号', number: '拨打12356' }] }),
  ).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('数字') });
  await expect(app.caller(admin).help.setCityLines({ cityId: PROVINCE_ID, lines: [good] })).rejects.toMatchObject({
    code: 'BAD_REQUEST',
    message: expect.stringContaining('市'),
  });
  expect(await app.db.cityHotline.count()).toBe(0);
});
