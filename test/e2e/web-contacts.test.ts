/**
 * Contact routes in real Chromium against the real server (demo mode), three browsers side by side:
 * demo parent 2 leaves a contact mobile in 我的家庭 (the form says why it is asked and that it is encrypted; the
 * web build has no WeChat number button, so the number is typed); the demo school's teacher opens a phone visit
 * of that family and sees the number masked, taps 查看完整号码 and gets a tel: link; the demo counsellor does the
 * same on an open referral of that family. Each reveal leaves an audit row; the number is encrypted at rest.
 */
import type { TestApp } from '../helpers/test-app';
import { DEMO_SCHOOL_NAME } from '../../prisma/seed/demo-ids';
import { startWebApp, type WebApp } from '../helpers/web-app';
import { settledScreenshot, type Browser } from '../helpers/browser';
import { signInAsDemoParent, signInAsStaff } from '../helpers/web-login';
import { makeReferral, makeSlot } from '../helpers/builders';
import { chinaDay } from '../../server/shared/china-time';
import { VISIT_ROUTES } from '../../client/features/visits/routes';
import { CHECKLIST_ROUTES } from '../../client/features/checklists/routes';

// A demo parent with a family at the demo school that no other e2e file signs in as.
const PARENT = 2;
const DAY = 86_400_000;

let web: WebApp;
let app: TestApp;
let http: { url: string; close(): Promise<void> };
let parentBrowser: Browser;
let teacherBrowser: Browser;
let counsellorBrowser: Browser;

beforeAll(async () => {
  web = await startWebApp(3);
  ({ app, http } = web);
  [parentBrowser, teacherBrowser, counsellorBrowser] = web.browsers;
}, 60_000);

afterAll(() => web?.close());

it('a parent leaves a mobile; the visiting teacher and the counsellor see it masked, reveal it (audited) and can call', async () => {
  const errors: string[] = [];
  const parent = parentBrowser.page;
  const teacher = teacherBrowser.page;
  const counsellor = counsellorBrowser.page;
  for (const [who, page] of [
    ['parent', parent],
    ['teacher', teacher],
    ['counsellor', counsellor],
  ] as const)
    page.on('pageerror', (e) => errors.push(`${who}: ${e.message}`));

  const guardian = await app.db.guardian.findFirstOrThrow({
    where: { user: { openid: `openid-demo-parent-${PARENT}` } },
    select: { id: true, userId: true, familyId: true, family: { select: { orgUnitId: true } } },
  });
  const school = await app.db.orgUnit.findFirstOrThrow({ where: { name: DEMO_SCHOOL_NAME }, select: { id: true } });
  expect(guardian.family.orgUnitId).toBe(school.id);
  // Start clean (a re-run on the same database).
  await app.db.guardian.update({ where: { id: guardian.id }, data: { mobileEnc: null, mobileMasked: null } });
  // A number of this run (13 and nine digits), so nothing left from an earlier run can pass for it.
  const mobile = `137${String(Date.now()).slice(-8)}`;
  const masked = `${mobile.slice(0, 3)}****${mobile.slice(7)}`;

  // ── The parent opens 我的家庭 and types the number (the web build has no WeChat button for it).
  await parent.goto(`${http.url}/pages/login/index?demoParent=${PARENT}`);
  await signInAsDemoParent(parent);
  await parent.getByText('我的家庭', { exact: true }).click();
  const card = parent.locator('.family-page .contact-mobile');
  await card.waitFor();
  expect(await card.innerText()).toContain('加密保存');
  expect(await card.getByText('使用微信绑定的手机号').count()).toBe(0);
  const input = card.locator('input[placeholder="11 位手机号"]');
  // A wrong number is refused in plain words, and nothing is stored.
  await input.fill('12345');
  await card.getByText('保存号码', { exact: true }).click();
  await card.getByText(/^请填写正确的手机号/).waitFor();
  expect((await app.db.guardian.findUniqueOrThrow({ where: { id: guardian.id } })).mobileEnc).toBeNull();
  await input.fill(mobile);
  await card.getByText('保存号码', { exact: true }).click();
  await card.getByText(`已留：${masked}`, { exact: true }).waitFor();
  await settledScreenshot(parent, 'web-contacts-family-mobile');
  const stored = await app.db.guardian.findUniqueOrThrow({ where: { id: guardian.id } });
  expect(stored.mobileEnc).toBeTruthy();
  expect(stored.mobileEnc).not.toContain(mobile);

  // ── A phone visit of this family with the demo teacher, in a window of this test's own.
  const teacherUser = await app.db.user.findUniqueOrThrow({
    where: { username: 'teacher.demo' },
    select: { id: true },
  });
  const window = await app.db.visitWindow.create({
    data: {
      orgUnitId: school.id,
      season: 'WINTER',
      title: `联系方式测试 ${Date.now()}`,
      startsOn: new Date(`${chinaDay(new Date())}T00:00:00Z`),
      endsOn: new Date(`${chinaDay(new Date(Date.now() + 90 * DAY))}T00:00:00Z`),
      createdById: teacherUser.id,
    },
    select: { id: true },
  });
  const slot = await makeSlot(app.db, {
    windowId: window.id,
    teacherId: teacherUser.id,
    startsAt: new Date(Date.now() + 75 * DAY),
    mode: 'PHONE',
  });
  const visit = await app.db.visit.create({
    data: {
      windowId: window.id,
      slotId: slot.id,
      familyId: guardian.familyId,
      teacherId: teacherUser.id,
      mode: 'PHONE',
      bookedById: guardian.userId,
    },
    select: { id: true },
  });

  // ── The teacher opens the visit: the number is masked until 查看完整号码, then a tel: link.
  await teacher.goto(`${http.url}/`);
  await signInAsStaff(teacher, 'teacher.demo', 'demo12345');
  await teacher.goto(`${http.url}${VISIT_ROUTES.record(visit.id)}`);
  const contacts = teacher.locator('.family-contacts');
  await contacts.getByText(masked, { exact: true }).waitFor();
  expect(await contacts.innerText()).not.toContain(mobile);
  expect(await app.db.auditLog.count({ where: { action: 'contact.reveal', targetId: visit.id } })).toBe(0);
  await contacts.getByText('查看完整号码', { exact: true }).click();
  const call = contacts.locator(`a[href="tel:${mobile}"]`);
  await call.waitFor();
  expect(await call.innerText()).toBe(`拨打 ${mobile}`);
  await settledScreenshot(teacher, 'web-contacts-visit-revealed');
  const visitReveal = await app.db.auditLog.findFirstOrThrow({
    where: { action: 'contact.reveal', targetType: 'Visit', targetId: visit.id },
  });
  expect(visitReveal.actorUserId).toBe(teacherUser.id);

  // ── An open referral of the family: the demo counsellor sees the number masked, then reveals it.
  const { referralId, responseId } = await makeReferral(app, school.id, {
    familyId: guardian.familyId,
    userId: guardian.userId,
  });
  const counsellorUser = await app.db.user.findUniqueOrThrow({
    where: { username: 'counsel.demo' },
    select: { id: true },
  });
  try {
    await counsellor.goto(`${http.url}/`);
    await signInAsStaff(counsellor, 'counsel.demo', 'demo12345');
    await counsellor.goto(`${http.url}${CHECKLIST_ROUTES.referral(referralId)}`);
    const referralContacts = counsellor.locator('.family-contacts');
    await referralContacts.getByText(masked, { exact: true }).waitFor();
    await referralContacts.getByText('查看完整号码', { exact: true }).click();
    await referralContacts.locator(`a[href="tel:${mobile}"]`).waitFor();
    const referralReveal = await app.db.auditLog.findFirstOrThrow({
      where: { action: 'contact.reveal', targetType: 'Referral', targetId: referralId },
    });
    expect(referralReveal.actorUserId).toBe(counsellorUser.id);
  } finally {
    // Out of the shared demo database's inbox and calendar again.
    await app.db.referral.deleteMany({ where: { id: referralId } });
    await app.db.checklistResponse.deleteMany({ where: { id: responseId } });
    await app.db.visitWindow.delete({ where: { id: window.id } });
  }
  expect(errors).toEqual([]);
}, 180_000);
