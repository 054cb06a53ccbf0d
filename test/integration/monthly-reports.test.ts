/**
 * The monthly report (issue 14): each region with federation or 关工委 staff gets last month's figures once
 * (a report row and a subscribe message per reader), however many server processes run the job at the same
 * time; a region behind the pace for the yearly target is flagged. Runs on a database of its own, where the
 * regions with readers are this file's.
 */
import { createDb, type DbHandle } from '../../server/db/create-db';
import { pastSession } from '../helpers/past-sessions';
import { behindPace, previousMonth, runMonthlyReports } from '../../server/services/reports/monthly';
import { sendDueNotifications } from '../../server/services/notifications/worker';
import path from 'node:path';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { startServerProcess, type ServerProcess } from '../helpers/server-process';
import { dropScratchDatabase } from '../helpers/pg-admin';
import { createOwnDatabase } from '../helpers/scratch-database';
import { TEST_CITY_ID, makeCounty, makeFamilies, makeStaff, makeUnit, uid } from '../helpers/builders';

let scratch: { name: string; url: string };
let app: TestApp;
let second: DbHandle;
let county: { id: string; name: string };
const readers: { id: string; openid: string | null }[] = [];
const last = previousMonth(new Date());

beforeAll(async () => {
  scratch = await createOwnDatabase('hb_monthly', { seed: false });
  app = await createTestApp({ DATABASE_URL: scratch.url });
  second = createDb(scratch.url, { poolSize: 4 });
  county = await makeCounty(app.db, { name: '月报区' });
  const schools = [
    (await makeUnit(app.db, { countyId: county.id })).id,
    (await makeUnit(app.db, { countyId: county.id })).id,
  ];
  const families = [...(await makeFamilies(app.db, schools[0], 8)), ...(await makeFamilies(app.db, schools[1], 7))];
  await app.db.family.updateMany({ data: { knownFrom: new Date(`${last.year}-01-01T00:00:00+08:00`) } });
  // Six households served at a mental-health session on the 10th of last month.
  const coordinator = await makeStaff(app.db, 'COORDINATOR', schools[0]);
  await pastSession(app.db, {
    actor: coordinator,
    unitId: schools[0],
    startsAt: new Date(`${last.key}-10T19:00:00+08:00`),
    present: families.slice(0, 6).map((f) => f.familyId),
  });
  // The county's federation and 关工委 readers subscribed in WeChat; the city's reader has no WeChat.
  for (const role of ['FEDERATION', 'COMMITTEE'] as const) {
    const staff = await makeStaff(app.db, role, county.id);
    const openid = `openid-monthly-${uid()}`;
    await app.db.user.update({ where: { id: staff.id }, data: { openid } });
    await app.db.subscribeQuota.create({ data: { userId: staff.id, templateKey: 'MONTHLY_REPORT', remaining: 1 } });
    readers.push({ id: staff.id, openid });
  }
  readers.push({ id: (await makeStaff(app.db, 'FEDERATION', TEST_CITY_ID)).id, openid: null });
}, 180_000);
afterAll(async () => {
  await second?.close();
  await app?.close();
  if (scratch) await dropScratchDatabase(scratch.name);
});

const sent = async () =>
  (
    (await (await fetch(`${app.wechat.url}/__fake/sent`)).json()) as {
      touser: string;
      template_id: string;
      data: Record<string, { value: string }>;
    }[]
  ).filter((m) => m.template_id === 'tpl-monthly-report');

it('reads "last month" in China time and flags coverage behind m/12', () => {
  expect(previousMonth(new Date('2027-01-01T00:30:00+08:00'))).toMatchObject({ key: '2026-12', year: 2026, month: 12 });
  expect(previousMonth(new Date('2026-12-31T23:30:00+08:00'))).toMatchObject({ key: '2026-11', year: 2026 });
  expect(behindPace(0.5, 100, 6)).toBe(false);
  expect(behindPace(0.49, 100, 6)).toBe(true);
  expect(behindPace(null, 100, 6)).toBe(false);
  expect(behindPace(0, 0, 12)).toBe(false);
});

it('writes each region’s report once when two connection pools run the job at once, and sends each reader one message', async () => {
  // Two connection pools (as two processes would have) run the job at the same moment, twice each.
  const runs = await Promise.all([
    runMonthlyReports({ db: app.db }),
    runMonthlyReports({ db: second.db }),
    runMonthlyReports({ db: app.db }),
    runMonthlyReports({ db: second.db }),
  ]);
  // The county and the city have readers; each report was written by exactly one of the runs.
  expect(runs.reduce((a, b) => a + b, 0)).toBe(2);
  expect(await app.db.monthlyReport.count({ where: { month: last.key } })).toBe(2);
  expect(await app.db.notification.count({ where: { templateKey: 'MONTHLY_REPORT' } })).toBe(3);

  await Promise.all([sendDueNotifications({ ...app.deps }), sendDueNotifications({ ...app.deps, db: second.db })]);
  const messages = await sent();
  expect(messages.map((m) => m.touser).sort()).toEqual(readers.flatMap((r) => (r.openid ? [r.openid] : [])).sort());
  // 6 of 15 households served by the end of the month: behind the pace of m/12 (unless it is January's report).
  const behind = 6 / 15 < last.month / 12;
  expect(messages[0].data.thing1.value).toContain('月报区');
  expect(messages[0].data.thing2.value).toBe(`覆盖率 40.0%${behind ? '，进度落后' : ''}`);

  // Later runs that month write and send nothing more.
  expect(await runMonthlyReports({ db: second.db })).toBe(0);
  await sendDueNotifications({ ...app.deps });
  expect(await sent()).toHaveLength(2);

  // The in-app report page reads the same figures.
  const reader = await app.as(readers[0].id);
  const [report] = await app.caller(reader).reports.monthly({ orgUnitId: county.id });
  expect(report).toMatchObject({
    month: last.key,
    behindPace: behind,
    figures: { families: 15, servedFamilies: 6, coverage: 0.4, sessions: 1 },
  });
  // Another county's reader may not read it.
  const other = await app.as((await makeStaff(app.db, 'FEDERATION', (await makeCounty(app.db)).id)).id);
  await expect(app.caller(other).reports.monthly({ orgUnitId: county.id })).rejects.toMatchObject({
    code: 'FORBIDDEN',
  });
});

it('two server processes running the job send each reader of a new region exactly one message', async () => {
  // A region whose readers subscribed in WeChat, with no report yet for last month.
  const region = await makeCounty(app.db, { name: '双进程区' });
  const openids: string[] = [];
  for (const role of ['FEDERATION', 'COMMITTEE'] as const) {
    const staff = await makeStaff(app.db, role, region.id);
    const openid = `openid-two-${uid()}`;
    await app.db.user.update({ where: { id: staff.id }, data: { openid } });
    await app.db.subscribeQuota.create({ data: { userId: staff.id, templateKey: 'MONTHLY_REPORT', remaining: 5 } });
    openids.push(openid);
  }
  const env = {
    DATABASE_URL: scratch.url,
    NOTIFY_WORKER: '1',
    NOTIFY_INTERVAL_MS: '300',
    WECHAT_API_BASE: app.wechat.url,
    DATA_KEYS: process.env.DATA_KEYS ?? '',
    LOG_LEVEL: 'silent',
    HB_LOG_FILE: '',
  };
  const entry = path.resolve(__dirname, '..', '..', 'server', 'index.ts');
  const servers: ServerProcess[] = await Promise.all([startServerProcess(entry, env), startServerProcess(entry, env)]);
  try {
    // Each process runs the job a few seconds after start; its worker then sends what is queued.
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      const got = (await sent()).filter((m) => openids.includes(m.touser));
      if (got.length >= openids.length) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    // Time for a second process to send a duplicate, if it were going to.
    await new Promise((r) => setTimeout(r, 2000));
  } finally {
    for (const s of servers) s.child.kill('SIGTERM');
  }
  const got = (await sent()).filter((m) => openids.includes(m.touser));
  expect(got.map((m) => m.touser).sort()).toEqual([...openids].sort());
  expect(await app.db.monthlyReport.count({ where: { orgUnitId: region.id, month: last.key } })).toBe(1);
}, 120_000);
