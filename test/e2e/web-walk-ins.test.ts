/**
 * Walk-ins in the paper backfill, in real Chromium against the real server (demo mode): the demo school's
 * coordinator opens the 名单 of a lecture on now, picks 补录纸质签到表, finds a household of the school that did
 * not register (on the class roster only) by its child's name under 补录未报名的家庭, and marks it present —
 * it shows on the roster as 未报名（现场登记）, counted once. On a lecture that ended three days ago the same
 * step is refused with the time-window message. The roster's 查找 narrows the list to that household.
 */
import type { Page } from 'playwright-core';
import type { TestApp } from '../helpers/test-app';
import { findDemoSchoolId } from '../../prisma/seed/demo-ids';
import { startWebApp, type WebApp } from '../helpers/web-app';
import { settledScreenshot } from '../helpers/browser';
import { signInAsStaff } from '../helpers/web-login';
import { inHours, makeRosterFamily, makeSession, sessionInput, uid } from '../helpers/builders';

let web: WebApp;
let app: TestApp;
let http: { url: string; close(): Promise<void> };

beforeAll(async () => {
  web = await startWebApp(1);
  ({ app, http } = web);
}, 60_000);
afterAll(() => web?.close());

/** The page in front (Taro keeps earlier pages in the DOM under it). */
const front = (page: Page) => page.locator('.taro_page').last();

it('a household that did not register is found by its child’s name and marked present in the paper backfill', async () => {
  const page = web.browsers[0].page;
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const school = await findDemoSchoolId(app.db);
  if (!school) throw new Error('no demo school');
  const tag = uid().slice(0, 6);
  const walkIn = await makeRosterFamily(app.db, school, { name: `补录${tag}` });
  const title = `家长讲座（补录测试）${tag}`;
  const live = await makeSession(
    app,
    sessionInput(school, { title, startsAt: inHours(-0.5), endsAt: inHours(1), capacity: 50 }),
  );
  const over = await makeSession(
    app,
    sessionInput(school, { title: `${title}（三天前）`, startsAt: inHours(-74), endsAt: inHours(-72) }),
  );

  await page.goto(`${http.url}/`);
  await signInAsStaff(page, 'coord.demo', 'demo12345');

  // ── The lecture on now: 补录纸质签到表, find the child, 标记到场.
  await page.goto(`${http.url}/packageStaff/roster/index?id=${live.id}`);
  await front(page).getByText('补录纸质签到表', { exact: true }).click();
  const panel = front(page).locator('.walk-in-search');
  await panel.locator('input[placeholder="如：王小明"]').fill(walkIn.childName);
  await panel.getByText('查找家庭', { exact: true }).click();
  const found = panel.locator(`[data-walk-in-family-id="${walkIn.familyId}"]`);
  await found.getByText(/名册家庭（未加入平台） · 未报名/).waitFor();
  await found.getByText('标记到场', { exact: true }).click();
  await found.getByText('已到场', { exact: true }).waitFor();

  const row = front(page).locator(`.roster-row[data-family-id="${walkIn.familyId}"]`);
  await row.getByText(/未报名（现场登记）.*纸质签到表补录/).waitFor();
  expect(await front(page).locator('.roster__summary').innerText()).toContain('到场 1 户');
  expect(
    await app.db.attendance.findMany({ where: { sessionId: live.id }, select: { familyId: true, method: true } }),
  ).toEqual([{ familyId: walkIn.familyId, method: 'PAPER' }]);

  // 查找 on the roster: by the child's name (shown masked on the rows).
  await front(page).locator('input[placeholder="如：雨桐、四年级（2）班"]').fill(walkIn.childName);
  await front(page).locator('.roster-search').getByText('查找', { exact: true }).click();
  await front(page).locator('.roster-row').first().waitFor();
  expect(await front(page).locator('.roster > .roster-row').count()).toBe(1);
  await settledScreenshot(page, 'web-walk-ins', { tall: true });

  // ── Three days after: the window is closed, and the page says so.
  await page.goto(`${http.url}/packageStaff/roster/index?id=${over.id}`);
  await front(page).getByText('补录纸质签到表', { exact: true }).click();
  const late = front(page).locator('.walk-in-search');
  await late.locator('input[placeholder="如：王小明"]').fill(walkIn.childName);
  await late.getByText('查找家庭', { exact: true }).click();
  await late.getByText('标记到场', { exact: true }).click();
  await late.getByText(/活动结束 12 小时后不能再登记到场/).waitFor();
  expect(await app.db.attendance.count({ where: { sessionId: over.id } })).toBe(0);
  expect(errors).toEqual([]);
});
