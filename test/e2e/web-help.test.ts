/**
 * The crisis help card in real Chromium, as a frightened parent at midnight meets it: opened from a shared
 * link (#/pages/help/index) with no account, no sign-in and no privacy notice; every number tap-to-call; the
 * city's own line; reachable from the login page's foot; and 0 serious or critical axe violations, at phone
 * size and at 200% zoom.
 */
import fs from 'node:fs';
import type { Page, Request } from 'playwright-core';
import { createTestApp, listen, type TestApp } from '../helpers/test-app';
import { openBrowser, settledScreenshot, type Browser } from '../helpers/browser';
import { TEST_CITY_ID, makeCounty } from '../helpers/builders';
import { WEB_ROOT } from '../helpers/web-app';

const CITY_LINE = { name: '鹤岗市心理援助热线', number: '0468-3456789' };

let app: TestApp;
let http: { url: string; close(): Promise<void> };
let browser: Browser;

beforeAll(async () => {
  if (!fs.existsSync(`${WEB_ROOT}/index.html`)) throw new Error(`${WEB_ROOT} is missing: run npm run build:h5`);
  app = await createTestApp({ DEMO_MODE: '1', CITY_HOTLINES: JSON.stringify({ [TEST_CITY_ID]: [CITY_LINE] }) });
  await makeCounty(app.db); // the test city exists
  http = await listen(app);
  browser = await openBrowser({ bypassCSP: true, viewport: { width: 390, height: 844 } });
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await http?.close();
  await app?.close();
});

/** axe-core's serious and critical findings on the page (WCAG 2.1 A/AA and best practice). */
async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  const found = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: unknown[] }> } })
      .axe;
    const r = await axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21aa', 'best-practice'] });
    return r.violations as { id: string; impact: string; nodes: { target: string[] }[] }[];
  });
  return found
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

it('opens from a shared link with no account: every line tap-to-call, nothing asked, nothing stored', async () => {
  const page = browser.page;
  const calls: string[] = [];
  const onRequest = (r: Request) => {
    const u = new URL(r.url());
    if (u.pathname.startsWith('/trpc/')) calls.push(u.pathname.slice('/trpc/'.length));
  };
  page.on('request', onRequest);
  await page.goto(`${http.url}/#/pages/help/index`);
  await page.getByText('孩子有危险？现在就打电话', { exact: true }).waitFor();
  expect(new URL(page.url()).pathname).toBe('/pages/help/index');
  // The city's own line comes from the server, under the city's name.
  await page.getByText('鹤岗市本地求助电话', { exact: true }).waitFor();
  // Tap-to-call: real tel: links, emergency numbers first, then the national lines, then the city's.
  const numbers = await page.locator('.help a.hotline').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  expect(numbers).toEqual(['tel:120', 'tel:110', 'tel:12356', 'tel:12355', 'tel:0468-3456789']);
  // What to do right now, in plain words.
  expect(await page.locator('.help').innerText()).toContain('不要让孩子一个人待着');
  // No sign-in, no privacy notice: the only call is the public list of lines.
  expect(await page.getByText('同意并继续').count()).toBe(0);
  expect(await page.evaluate(() => localStorage.getItem('heartbridge.token'))).toBeNull();
  expect([...new Set(calls)]).toEqual(['help.lines']);
  page.off('request', onRequest);
  await settledScreenshot(page, 'web-help-card');
  expect(await seriousViolations(page)).toEqual([]);

  // 200% zoom (half the CSS width): still one column, nothing cut off sideways, still no violations.
  await page.setViewportSize({ width: 195, height: 422 });
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
  expect(await seriousViolations(page)).toEqual([]);
  await page.setViewportSize({ width: 390, height: 844 });
});

it('the login page leads to it in one tap', async () => {
  const page = browser.page;
  await page.goto(`${http.url}/pages/login/index`);
  await page.getByText('遇到心理危机？求助热线 12356', { exact: true }).click();
  await page.getByText('孩子有危险？现在就打电话', { exact: true }).waitFor();
  expect(new URL(page.url()).pathname).toBe('/pages/help/index');
});
