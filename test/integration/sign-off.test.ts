/**
 * Yearly sign-off (issue 14): a county signs its finished year, then the city once every county has, then the
 * province. The figures as signed are what reports.coverage answers from then on; a later attendance
 * correction in the county needs a reason and shows as a revision (who, when, why), never as a silent change.
 * Runs on a database of its own: the city and province wait for every county and city under them.
 */
import { pastSession } from '../helpers/past-sessions';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { dropScratchDatabase } from '../helpers/pg-admin';
import { createOwnDatabase } from '../helpers/scratch-database';
import {
  OTHER_TEST_CITY_ID,
  PROVINCE_ID,
  TEST_CITY_ID,
  makeCounty,
  makeFamilies,
  makeStaff,
  makeUnit,
} from '../helpers/builders';
import type { AuthUser } from '../../server/auth/auth-user';

let scratch: { name: string; url: string };
let app: TestApp;
const Y = 2025;
let county1: { id: string; name: string };
let county2: { id: string; name: string };
let sessionId: string;
let families: { familyId: string }[];
let coordinator: AuthUser;
let countyFederation: AuthUser;

beforeAll(async () => {
  scratch = await createOwnDatabase('hb_signoff', { seed: false });
  app = await createTestApp({ DATABASE_URL: scratch.url });
  county1 = await makeCounty(app.db, { name: '签报一区' });
  county2 = await makeCounty(app.db, { name: '签报二区' });
  const school = await makeUnit(app.db, { countyId: county1.id });
  await makeUnit(app.db, { countyId: county2.id });
  families = await makeFamilies(app.db, school.id, 8);
  await app.db.family.updateMany({ data: { knownFrom: new Date(`${Y}-01-01T00:00:00+08:00`) } });
  coordinator = await app.as((await makeStaff(app.db, 'COORDINATOR', school.id)).id);
  countyFederation = await app.as((await makeStaff(app.db, 'FEDERATION', county1.id)).id);

  sessionId = await pastSession(app.db, {
    actor: coordinator,
    unitId: school.id,
    startsAt: new Date(`${Y}-10-18T19:00:00+08:00`),
    present: families.slice(0, 6).map((f) => f.familyId),
    title: '秋季家庭心理健康讲座',
  });
}, 180_000);
afterAll(async () => {
  await app?.close();
  if (scratch) await dropScratchDatabase(scratch.name);
});

const coverage = (user: AuthUser, orgUnitId: string, siteKind?: 'SCHOOL') =>
  app.caller(user).reports.coverage({ orgUnitId, year: Y, ...(siteKind ? { siteKind } : {}) });

it('refuses a year still running, a school, and a region whose own level has not signed', async () => {
  await expect(
    app.caller(countyFederation).reports.signOff({ orgUnitId: county1.id, year: 2030 }),
  ).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('尚未结束') });
  const admin = await app.as((await makeStaff(app.db, 'ADMIN', PROVINCE_ID)).id);
  const school = await app.db.orgUnit.findFirstOrThrow({ where: { parentId: county1.id } });
  await expect(app.caller(admin).reports.signOff({ orgUnitId: school.id, year: Y })).rejects.toMatchObject({
    code: 'BAD_REQUEST',
    message: expect.stringContaining('县（市、区）'),
  });
  const cityAdmin = await app.as((await makeStaff(app.db, 'ADMIN', TEST_CITY_ID)).id);
  await expect(app.caller(cityAdmin).reports.signOff({ orgUnitId: TEST_CITY_ID, year: Y })).rejects.toMatchObject({
    code: 'CONFLICT',
    message: expect.stringMatching(/尚未全部签报.*签报一区/),
  });
  // A city's federation covers the county, but signs only its own city's figures.
  const cityFederation = await app.as((await makeStaff(app.db, 'FEDERATION', TEST_CITY_ID)).id);
  await expect(app.caller(cityFederation).reports.signOff({ orgUnitId: county1.id, year: Y })).rejects.toMatchObject({
    code: 'FORBIDDEN',
  });
});

it('freezes the signed figures: a later correction needs a reason and shows as a revision', async () => {
  const before = await coverage(countyFederation, county1.id);
  expect(before.total.servedFamilies).toBe(6);
  expect(before.signOff).toBeNull();

  await app.caller(countyFederation).reports.signOff({ orgUnitId: county1.id, year: Y, note: '经核对无误' });
  const signed = await coverage(countyFederation, county1.id);
  expect(signed.signOff).toMatchObject({ note: '经核对无误' });
  expect(signed.rows).toEqual(before.rows);
  expect(signed.total).toEqual(before.total);
  await expect(app.caller(countyFederation).reports.signOff({ orgUnitId: county1.id, year: Y })).rejects.toMatchObject({
    code: 'CONFLICT',
    message: expect.stringContaining('已签报'),
  });

  // The coordinator finds a family was marked present by mistake: without a reason the change is refused.
  const correction = { sessionId, familyId: families[0].familyId, present: false };
  await expect(app.caller(coordinator).sessions.markAttendance(correction)).rejects.toMatchObject({
    code: 'CONFLICT',
    message: expect.stringContaining('签报一区签报'),
  });
  expect(await app.db.attendance.count({ where: { sessionId, present: true } })).toBe(6);
  await app
    .caller(coordinator)
    .sessions.markAttendance({ ...correction, correctionReason: '核对纸质签到表，该家庭当天未到场' });

  // The data changed (live figures), the signed report did not; the revision says who, where and why.
  expect((await coverage(countyFederation, county1.id, 'SCHOOL')).total.servedFamilies).toBe(5);
  const after = await coverage(countyFederation, county1.id);
  expect(after.total).toEqual(before.total);
  expect(after.revisions).toEqual([
    expect.objectContaining({
      reason: '核对纸质签到表，该家庭当天未到场',
      change: '取消到场记录',
      actorName: (await app.db.user.findUniqueOrThrow({ where: { id: coordinator.id } })).displayName,
    }),
  ]);
  const status = await app.caller(countyFederation).reports.signOffStatus({ orgUnitId: county1.id, year: Y });
  expect(status.revisions).toHaveLength(1);
  expect(await app.db.auditLog.count({ where: { action: 'report.signOff', targetId: county1.id } })).toBe(1);
});

it('goes up the chain: the city once every county has signed, the province once every city has', async () => {
  const county2Committee = await app.as((await makeStaff(app.db, 'COMMITTEE', county2.id)).id);
  await app.caller(county2Committee).reports.signOff({ orgUnitId: county2.id, year: Y });
  const cityFederation = await app.as((await makeStaff(app.db, 'FEDERATION', TEST_CITY_ID)).id);
  const cityStatus = await app.caller(cityFederation).reports.signOffStatus({ orgUnitId: TEST_CITY_ID, year: Y });
  expect(cityStatus.children.map((c) => c.signedAt !== null)).toEqual([true, true]);
  await app.caller(cityFederation).reports.signOff({ orgUnitId: TEST_CITY_ID, year: Y });
  // The city's signed figures hold the county's live ones at its signing (after the correction), no revision yet.
  const city = await coverage(cityFederation, TEST_CITY_ID);
  expect(city.total.servedFamilies).toBe(5);
  expect(city.revisions).toEqual([]);

  const provinceAdmin = await app.as((await makeStaff(app.db, 'ADMIN', PROVINCE_ID)).id);
  await expect(app.caller(provinceAdmin).reports.signOff({ orgUnitId: PROVINCE_ID, year: Y })).rejects.toMatchObject({
    code: 'CONFLICT',
  });
  // The other city has no county yet: its admin signs it for the province (on its behalf, audited).
  await app.caller(provinceAdmin).reports.signOff({ orgUnitId: OTHER_TEST_CITY_ID, year: Y });
  await app.caller(provinceAdmin).reports.signOff({ orgUnitId: PROVINCE_ID, year: Y });
  const audit = await app.db.auditLog.findFirstOrThrow({
    where: { action: 'report.signOff', targetId: OTHER_TEST_CITY_ID },
  });
  expect(audit.detail).toMatchObject({ onBehalf: true });
});
