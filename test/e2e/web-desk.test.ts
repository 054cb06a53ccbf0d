/**
 * Desk staff at a desk computer (1366 × 900): they sign in without the parents' privacy notice and accept the
 * staff confidentiality terms instead (recorded); the federation's dashboard and a coordinator's session form
 * are desk pages — no table clipped, no page wider than the screen, the browser's own date and time inputs.
 */
import type { Page } from 'playwright-core';
import type { TestApp } from '../helpers/test-app';
import { startWebApp, type WebApp } from '../helpers/web-app';
import { settledScreenshot } from '../helpers/browser';
import { DEMO_COORDINATOR_USERNAME, DEMO_FEDERATION_HARBIN_USERNAME, DEMO_PASSWORD } from '../../prisma/seed/demo-ids';

let web: WebApp;
let app: TestApp;
let http: { url: string; close(): Promise<void> };

beforeAll(async () => {
  web = await startWebApp(1);
  ({ app, http } = web);
  await web.browsers[0].page.setViewportSize({ width: 1366, height: 900 });
}, 60_000);
afterAll(() => web?.close());

const front = (page: Page) => page.locator('.taro_page').last();

async function signOut(page: Page) {
  await page.goto(`${http.url}/`);
  await page.evaluate(() => window.localStorage.clear());
  await page.goto(`${http.url}/`);
}

/**
 * Nothing is cut off at a desk screen's width: the page is no wider than the screen, every table fits its box
 * (no sideways scrolling needed), and table text is at least 14 px.
 */
async function expectNothingClipped(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1366);
  const tables = await front(page)
    .locator('table, .coverage-table__inner')
    .evaluateAll((els) =>
      els.map((t) => {
        const cell = t.querySelector('td, .coverage-row__cell') ?? t;
        return {
          cls: t.className,
          overflow: t.scrollWidth - (t.parentElement?.clientWidth ?? 0),
          fontPx: parseFloat(getComputedStyle(cell).fontSize),
        };
      }),
    );
  expect(tables.length).toBeGreaterThan(0);
  for (const t of tables) {
    expect({ cls: t.cls, clipped: t.overflow > 1 }).toEqual({ cls: t.cls, clipped: false });
    expect(t.fontPx).toBeGreaterThanOrEqual(14);
  }
}

it('staff sign in with the confidentiality terms, not the parents’ notice; desk pages fit a desk screen', async () => {
  const page = web.browsers[0].page;
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));

  await signOut(page);
  await page.getByText('同意并继续', { exact: true }).waitFor();
  await page.getByText('学校、妇联、关工委工作人员登录', { exact: true }).click();
  // The parents' notice is gone; the work-account form asks for the staff terms.
  expect(await page.getByText('同意并继续', { exact: true }).count()).toBe(0);
  await page.locator('input[placeholder="请输入用户名"]').fill(DEMO_FEDERATION_HARBIN_USERNAME);
  await page.locator('input[placeholder="请输入密码"]').fill(DEMO_PASSWORD);
  await page.getByText('登录', { exact: true }).click();
  await page.getByText('请先阅读并勾选“我已阅读并承诺遵守《工作人员保密承诺》”', { exact: true }).waitFor();
  await page.getByText('查看《工作人员保密承诺》', { exact: true }).click();
  await page.getByText(/不截图、不拍照、不转发/).waitFor();
  await page.getByRole('checkbox', { name: /我已阅读并承诺遵守/ }).click();
  await page.getByText('登录', { exact: true }).click();
  await page.getByText('退出登录', { exact: true }).waitFor();
  const user = await app.db.user.findUniqueOrThrow({
    where: { username: DEMO_FEDERATION_HARBIN_USERNAME },
    select: { id: true },
  });
  const consents = await app.db.consent.findMany({
    where: { userId: user.id, withdrawnAt: null },
    select: { scope: true },
  });
  expect(consents.map((c) => c.scope)).toContain('staff:confidentiality');
  expect(consents.map((c) => c.scope)).not.toContain('privacy:basic');

  // The federation's dashboard at 1366 wide.
  await page.getByText('覆盖情况统计', { exact: true }).click();
  await front(page).locator('.coverage-table').first().waitFor();
  await page.waitForLoadState('networkidle');
  await settledScreenshot(page, 'desk-dashboard-1366', { tall: true });
  await expectNothingClipped(page);

  // Printed (or saved as PDF from the print window): the figures at full length, without filters or buttons.
  await front(page).getByText('打印 / 存为 PDF', { exact: true }).waitFor();
  await page.emulateMedia({ media: 'print' });
  expect(await front(page).locator('.report-filters__years').isVisible()).toBe(false);
  expect(await front(page).getByText('导出 Excel 报表', { exact: true }).isVisible()).toBe(false);
  expect(await front(page).locator('.coverage-table').first().isVisible()).toBe(true);
  const pdf = await page.pdf({ format: 'A4', margin: { top: '12mm', bottom: '12mm' } });
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length;
  // All of it, not the one screenful Taro's page box would clip it to.
  expect(pages).toBeGreaterThanOrEqual(2);
  await page.emulateMedia({ media: 'screen' });

  // A coordinator's session form: the browser's own date and time inputs fill the typed field.
  await signOut(page);
  await page.getByText('学校、妇联、关工委工作人员登录', { exact: true }).click();
  await page.locator('input[placeholder="请输入用户名"]').fill(DEMO_COORDINATOR_USERNAME);
  await page.locator('input[placeholder="请输入密码"]').fill(DEMO_PASSWORD);
  await page.getByRole('checkbox', { name: /我已阅读并承诺遵守/ }).click();
  await page.getByText('登录', { exact: true }).click();
  await page.getByText('退出登录', { exact: true }).waitFor();
  await page.getByText('活动管理', { exact: true }).click();
  await page.getByText('新建活动', { exact: true }).click();
  const form = front(page).locator('.session-form');
  const starts = form.locator('input[placeholder="开始时间（如 2026-12-05 19:00）"]');
  await form.getByLabel('开始时间：日期').fill('2027-03-06');
  expect(await starts.inputValue()).toBe('2027-03-06 19:00');
  await form.getByLabel('开始时间：时间').fill('09:30');
  expect(await starts.inputValue()).toBe('2027-03-06 09:30');
  // Typed text shows in the browser's inputs too.
  await starts.fill('2027-04-10 18:45');
  expect(await form.getByLabel('开始时间：日期').inputValue()).toBe('2027-04-10');
  expect(await form.getByLabel('开始时间：时间').inputValue()).toBe('18:45');
  // No wheel picker on a desk screen, and the inputs' text is readable.
  expect(await form.locator('.taro-picker, .weui-picker').count()).toBe(0);
  const px = await form.getByLabel('开始时间：日期').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  expect(px).toBeGreaterThanOrEqual(14);
  await settledScreenshot(page, 'desk-session-form-1366', { tall: true });
  expect(errors).toEqual([]);
}, 120_000);
