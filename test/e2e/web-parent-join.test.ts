/**
 * The web build in real Chromium, served by the real server: a demo parent accepts the privacy notice,
 * signs in through the WeChat stand-in, joins the demo school with HLJDEMO and sees the child on 我的家庭.
 */
import type { TestApp } from '../helpers/test-app';
import { startWebApp, type WebApp } from '../helpers/web-app';
import { screenshot, type Browser } from '../helpers/browser';
import { signInAsDemoParent } from '../helpers/web-login';

let web: WebApp;
let app: TestApp;
let http: { url: string; close(): Promise<void> };
let browser: Browser;

beforeAll(async () => {
  web = await startWebApp(1);
  ({ app, http } = web);
  [browser] = web.browsers;
}, 60_000);

afterAll(() => web?.close());

it('a demo parent logs in, joins with HLJDEMO and sees the child', async () => {
  // A demo parent without a family (11–20), not used by any other test of this run.
  const n = 19;
  const openid = `openid-demo-parent-${n}`;
  expect(await app.db.guardian.count({ where: { user: { openid } } })).toBe(0);
  const { page } = browser;
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));

  await page.goto(`${http.url}/`);
  await page.getByText('同意并继续', { exact: true }).click();
  await page.goto(`${http.url}/pages/login/index?demoParent=${n}`);
  await page.getByText('演示家长登录', { exact: true }).click();
  await page.getByText('退出登录', { exact: true }).waitFor();
  await page.getByText('加入家庭', { exact: true }).first().click();

  await page.locator('input[placeholder="请输入邀请码"]').fill('HLJDEMO');
  await page.getByText('母亲', { exact: true }).click();
  await page.locator('input[placeholder="请输入孩子姓名"]').fill('王小桥');
  await page.getByText('三年级', { exact: true }).click();
  await page.getByText('提交', { exact: true }).click();

  await page.getByText('另一位监护人需要一次性邀请码才能加入本家庭。').waitFor();
  const overview = page.locator('.family-overview');
  const text = await overview.innerText();
  expect(text).toContain('王小桥');
  expect(text).toContain('三年级');
  expect(text).toContain('哈尔滨市南岗区心桥实验小学');
  expect(text).toContain(`演示家长${n}（我）`);
  await screenshot(page, 'web-parent-family');

  // What the page shows is what the database holds.
  const guardian = await app.db.guardian.findFirstOrThrow({
    where: { user: { openid } },
    select: {
      relation: true,
      family: { select: { children: { select: { name: true, grade: true } }, orgUnit: { select: { name: true } } } },
    },
  });
  expect(guardian).toEqual({
    relation: 'MOTHER',
    family: { children: [{ name: '王小桥', grade: 'G3' }], orgUnit: { name: '哈尔滨市南岗区心桥实验小学' } },
  });

  // An invitation for the child's father: shown in groups of four, once, with the time it runs out.
  await page.getByText('生成邀请码', { exact: true }).click();
  const shown = (await page.locator('.invite-card__code').innerText()).trim();
  expect(shown).toMatch(/^([A-Z2-9]{4} ){3}[A-Z2-9]{2}$/);
  await page.getByText(/只能用一次/).waitFor();
  const stored = await app.db.inviteCode.findUniqueOrThrow({
    where: { code: shown.replace(/ /g, '') },
    select: { kind: true, usedAt: true, expiresAt: true },
  });
  expect(stored.kind).toBe('FAMILY');
  expect(stored.usedAt).toBeNull();
  expect((stored.expiresAt!.getTime() - Date.now()) / 3_600_000).toBeGreaterThan(71);
  expect(errors).toEqual([]);
}, 60_000);

it('a wrong invite code shows the server’s Chinese message on the form', async () => {
  const { page } = browser;
  // A fresh visitor: nothing stored from the previous test.
  await page.goto(`${http.url}/`);
  await page.evaluate(() => localStorage.clear());
  await page.goto(`${http.url}/pages/login/index?demoParent=18`);
  await signInAsDemoParent(page);
  await page.goto(`${http.url}/packageParent/join/index`);
  await page.locator('input[placeholder="请输入邀请码"]').fill('WRONG123');
  await page.getByText('父亲', { exact: true }).click();
  await page.locator('input[placeholder="请输入孩子姓名"]').fill('李小木');
  await page.getByText('一年级', { exact: true }).click();
  await page.getByText('提交', { exact: true }).click();
  await page.locator('.form-error').getByText('邀请码不对或已经过期，请向学校老师或家人重新要一个').waitFor();
  expect(await app.db.guardian.count({ where: { user: { openid: 'openid-demo-parent-18' } } })).toBe(0);
}, 60_000);
