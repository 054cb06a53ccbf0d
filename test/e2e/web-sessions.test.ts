/**
 * Sessions end to end in real Chromium against the real server (demo mode), two browsers side by side:
 * the demo school's coordinator opens a 家庭心理健康教育指导服务 session through the staff pages; demo parent 4
 * (a family at the demo school) finds it, registers, and checks in with the code shown under the coordinator's
 * rotating QR code (the web build's 签到 path: typing the code); the coordinator's roster shows the family
 * present and the family's record counts one more guidance service this year.
 */
import type { TestApp } from '../helpers/test-app';
import { DEMO_SCHOOL_NAME } from '../../prisma/seed/demo-ids';
import { startWebApp, type WebApp } from '../helpers/web-app';
import { settledScreenshot, type Browser } from '../helpers/browser';
import { signInAsStaff, signInAsDemoParent } from '../helpers/web-login';
import { chinaDateTimeText, chinaYear as serviceYear } from '../../server/shared/china-time';

// A demo parent with a family at the demo school that no other test uses.
const PARENT = 4;

let web: WebApp;
let app: TestApp;
let http: { url: string; close(): Promise<void> };
let coordBrowser: Browser;
let parentBrowser: Browser;

/** "2026-12-05 19:00" in China time, as the coordinator types it. */
function chinaInputText(at: Date): string {
  return chinaDateTimeText(at);
}

beforeAll(async () => {
  web = await startWebApp(2);
  ({ app, http } = web);
  [coordBrowser, parentBrowser] = web.browsers;
}, 60_000);

afterAll(() => web?.close());

it('a coordinator opens a guidance session; a parent registers and checks in with the live code; the roster shows the family present', async () => {
  const errors: string[] = [];
  const coord = coordBrowser.page;
  const parent = parentBrowser.page;
  coord.on('pageerror', (e) => errors.push(`coordinator: ${e.message}`));
  parent.on('pageerror', (e) => errors.push(`parent: ${e.message}`));

  const family = await app.db.guardian.findFirstOrThrow({
    where: { user: { openid: `openid-demo-parent-${PARENT}` } },
    select: { familyId: true },
  });
  const year = serviceYear(new Date());
  const servicesBefore =
    (await app.db.familyServiceYear.findUnique({ where: { familyId_year: { familyId: family.familyId, year } } }))
      ?.services ?? 0;

  // ── The coordinator signs in on the web and opens a session at the demo school.
  await coord.goto(`${http.url}/`);
  await signInAsStaff(coord, 'coord.demo', 'demo12345');
  await coord.getByText('活动管理', { exact: true }).click();
  await coord.getByText('新建活动', { exact: true }).click();

  const title = `亲子沟通与情绪管理指导 ${Date.now().toString(36)}`;
  // Starts in a few minutes (today, so it is listed and open for check-in), one and a half hours long.
  const startsAt = new Date(Math.ceil((Date.now() + 5 * 60_000) / 60_000) * 60_000);
  const endsAt = new Date(startsAt.getTime() + 90 * 60_000);
  // The list page stays in the DOM under the form (and its cards carry the same kind labels): act on the form.
  const form = coord.locator('.session-form');
  await form.getByText('家庭心理健康教育指导服务', { exact: true }).click();
  await coord.locator('input[placeholder="请输入活动名称"]').fill(title);
  await coord.locator('input[placeholder="开始时间（如 2026-12-05 19:00）"]').fill(chinaInputText(startsAt));
  await coord.locator('input[placeholder="结束时间（如 2026-12-05 20:30）"]').fill(chinaInputText(endsAt));
  await form.getByText('线下', { exact: true }).click();
  await coord.locator('input[placeholder="请输入活动地点"]').fill('心桥实验小学报告厅');
  await coord.locator('input[placeholder="请输入名额（户）"]').fill('30');
  await settledScreenshot(coord, 'web-session-edit');
  await coord.getByText('发布活动', { exact: true }).click();

  // Back on 活动管理, the new session is listed.
  const card = coord.locator('.session-card').filter({ hasText: title });
  await card.waitFor();
  expect(await card.innerText()).toContain('已发布');
  const session = await app.db.guidanceSession.findFirstOrThrow({
    where: { title },
    select: {
      id: true,
      kind: true,
      status: true,
      mentalHealth: true,
      capacity: true,
      venue: true,
      startsAt: true,
      endsAt: true,
      orgUnit: { select: { name: true } },
    },
  });
  expect(session).toMatchObject({
    kind: 'GUIDANCE',
    status: 'PUBLISHED',
    mentalHealth: true,
    capacity: 30,
    venue: '心桥实验小学报告厅',
    orgUnit: { name: DEMO_SCHOOL_NAME },
  });
  // The typed China time became the right instant (+08:00).
  expect(session.startsAt.toISOString()).toBe(startsAt.toISOString());
  expect(session.endsAt.toISOString()).toBe(endsAt.toISOString());

  // ── The parent signs in, finds the session and registers.
  await parent.goto(`${http.url}/pages/login/index?demoParent=${PARENT}`);
  await signInAsDemoParent(parent);
  await parent.getByText('活动报名', { exact: true }).click();
  const listed = parent.locator('.session-card').filter({ hasText: title });
  await listed.waitFor();
  const listedText = await listed.innerText();
  expect(listedText).toContain('家庭心理健康教育指导服务');
  expect(listedText).toContain('心理健康');
  expect(listedText).toContain('已报名 0 户 / 名额 30 户');
  await listed.click();
  await parent.locator('.detail-card__title').getByText(title).waitFor();
  await parent.getByText('报名', { exact: true }).click();
  await parent.locator('.my-status').getByText('报名成功', { exact: true }).waitFor();
  await settledScreenshot(parent, 'web-session-registered');
  expect(
    await app.db.registration.findUniqueOrThrow({
      where: { sessionId_familyId: { sessionId: session.id, familyId: family.familyId } },
      select: { status: true },
    }),
  ).toEqual({
    status: 'CONFIRMED',
  });

  // ── The coordinator opens 现场签到: the rotating QR code and the code under it.
  await card.getByText('现场签到', { exact: true }).click();
  const codeText = coord.locator('.session-live__code');
  await codeText.waitFor();
  const code = (await codeText.innerText()).trim();
  expect(code.startsWith(`${session.id}.`)).toBe(true);
  const qrSrc = await coord.locator('.session-live__qr img').getAttribute('src');
  expect(qrSrc).toMatch(/^data:image\/png;base64,/);
  await settledScreenshot(coord, 'web-session-live');

  // ── The parent types the code on the 签到 page (the web build's path) and is checked in.
  await parent.getByText('现场签到', { exact: true }).click();
  await parent.locator('input[placeholder="请输入签到码"]').fill(code);
  await parent.getByText('签到', { exact: true }).click();
  await parent.locator('.check-in__result').getByText('签到成功', { exact: true }).waitFor();
  expect(await parent.locator('.check-in__result').innerText()).toContain(title);
  await settledScreenshot(parent, 'web-session-checked-in');

  const attendance = await app.db.attendance.findUniqueOrThrow({
    where: { sessionId_familyId: { sessionId: session.id, familyId: family.familyId } },
    select: { present: true, method: true },
  });
  expect(attendance).toEqual({ present: true, method: 'QR' });
  const servicesAfter = (
    await app.db.familyServiceYear.findUniqueOrThrow({
      where: { familyId_year: { familyId: family.familyId, year: serviceYear(session.startsAt) } },
    })
  ).services;
  expect(servicesAfter).toBe((serviceYear(session.startsAt) === year ? servicesBefore : 0) + 1);

  // ── The coordinator's roster: the family is present; the summary counts it.
  await coord.getByText('查看名单 / 点名', { exact: true }).click();
  const row = coord.locator('.roster-row').filter({ hasText: `演示家长${PARENT}` });
  await row.getByText('已到场', { exact: true }).waitFor();
  const rowText = await row.innerText();
  expect(rowText).toContain('陈**');
  expect(rowText).toContain('扫码签到');
  expect(rowText).not.toContain('陈思远');
  expect(await coord.locator('.roster__summary').innerText()).toContain('报名 1 户 / 到场 1 户 / 到场 1 人');
  await settledScreenshot(coord, 'web-session-roster');

  // ── The parent's 我的活动 shows this year's count.
  await parent.goto(`${http.url}/packageParent/my-sessions/index`);
  const expected =
    (await app.db.familyServiceYear.findUnique({ where: { familyId_year: { familyId: family.familyId, year } } }))
      ?.services ?? 0;
  await parent.getByText(`本年度已参加家庭心理健康指导服务 ${expected} 次`, { exact: true }).waitFor();
  expect(await parent.locator('.my-session').filter({ hasText: title }).innerText()).toContain('已签到');
  await settledScreenshot(parent, 'web-my-sessions');

  expect(errors).toEqual([]);
}, 120_000);
