/**
 * Invites and classes in real Chromium: the demo school's coordinator opens 邀请家长加入 and prints the
 * school's and a class's posters (one per sheet; the QR code holds the join link with the code); a grandparent
 * opens that link, joins with the school's code, and is asked to pick the child's class from the school's list
 * — picked, never typed — so the class teacher sees the family.
 */
import type { Page } from 'playwright-core';
import type { TestApp } from '../helpers/test-app';
import { startWebApp, type WebApp } from '../helpers/web-app';
import { settledScreenshot } from '../helpers/browser';
import { signInAsDemoParent, signInAsStaff } from '../helpers/web-login';
import { qrPngDataUrl } from '../../client/lib/qr-png';
import {
  DEMO_CLASS_GRADE,
  DEMO_CLASS_INVITE_CODE,
  DEMO_CLASS_NAME,
  DEMO_COORDINATOR_USERNAME,
  DEMO_INVITE_CODE,
  DEMO_PASSWORD,
  DEMO_SCHOOL_NAME,
} from '../../prisma/seed/demo-ids';

let web: WebApp;
let app: TestApp;
let http: { url: string; close(): Promise<void> };

beforeAll(async () => {
  web = await startWebApp(2);
  ({ app, http } = web);
}, 60_000);
afterAll(() => web?.close());

const front = (page: Page) => page.locator('.taro_page').last();

/** Pages in a PDF Chromium printed (each page object is "/Type /Page", the tree "/Type /Pages"). */
const pdfPages = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length;

it('the coordinator prints invite posters whose QR codes open the join page with the code', async () => {
  const page = web.browsers[0].page;
  await page.setViewportSize({ width: 1366, height: 900 });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const school = await app.db.orgUnit.findFirstOrThrow({ where: { name: DEMO_SCHOOL_NAME }, select: { id: true } });
  const codes = await app.db.inviteCode.findMany({
    where: { orgUnitId: school.id, kind: { in: ['SCHOOL', 'CLASS'] }, disabled: false },
    select: { code: true },
  });
  expect(codes.map((c) => c.code)).toEqual(expect.arrayContaining([DEMO_INVITE_CODE, DEMO_CLASS_INVITE_CODE]));

  await page.goto(`${http.url}/`);
  await signInAsStaff(page, DEMO_COORDINATOR_USERNAME, DEMO_PASSWORD);
  await page.getByText('邀请家长加入', { exact: true }).click();
  const posters = front(page).locator('.invite-poster');
  await posters.first().waitFor();
  expect(await posters.count()).toBe(codes.length);

  // The school's poster comes first; each QR code is the join link with that poster's code.
  const first = posters.first();
  expect(await first.getAttribute('data-code')).toBe(DEMO_INVITE_CODE);
  expect(await first.innerText()).toContain('全校家长扫码加入');
  const classPoster = front(page).locator(`.invite-poster[data-code="${DEMO_CLASS_INVITE_CODE}"]`);
  expect(await classPoster.innerText()).toContain(`${DEMO_CLASS_NAME}家长扫码加入`);
  for (const code of [DEMO_INVITE_CODE, DEMO_CLASS_INVITE_CODE]) {
    const link = `${http.url}/packageParent/join/index?inviteCode=${code}`;
    const src = await front(page).locator(`.invite-poster[data-code="${code}"] img`).getAttribute('src');
    expect(src).toBe(qrPngDataUrl(link, 8));
  }
  await settledScreenshot(page, 'web-invite-posters', { tall: true });

  // Printed (page.pdf prints with the print stylesheet): one sheet per poster, none of the page's buttons.
  await page.emulateMedia({ media: 'print' });
  expect(await page.getByText('打印海报', { exact: true }).isVisible()).toBe(false);
  expect(await posters.first().isVisible()).toBe(true);
  const pdfAll = await page.pdf({ format: 'A4' });
  expect(pdfPages(pdfAll)).toBe(codes.length);
  await page.emulateMedia({ media: 'screen' });
  // Only the class's poster, when that is the one picked.
  await front(page).locator('.choice-chips__chip', { hasText: DEMO_CLASS_NAME }).click();
  expect(await posters.count()).toBe(1);
  expect(pdfPages(await page.pdf({ format: 'A4' }))).toBe(1);
  expect(errors).toEqual([]);
}, 120_000);

it('a grandparent joins with the school poster’s link and picks the class from the school’s list', async () => {
  // A demo parent without a family, used by no other test of this run.
  const n = 16;
  const openid = `openid-demo-parent-${n}`;
  expect(await app.db.guardian.count({ where: { user: { openid } } })).toBe(0);
  const page = web.browsers[1].page;
  await page.setViewportSize({ width: 390, height: 844 });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));

  await page.goto(`${http.url}/pages/login/index?demoParent=${n}`);
  await signInAsDemoParent(page);
  // The poster's link: the code is filled in.
  await page.goto(`${http.url}/packageParent/join/index?inviteCode=${DEMO_INVITE_CODE}`);
  const code = page.locator('input[placeholder="请输入邀请码"]');
  await code.waitFor();
  expect(await code.inputValue()).toBe(DEMO_INVITE_CODE);
  await page.getByText('祖父母 / 外祖父母', { exact: true }).click();
  const childName = `赵小禾${n}`;
  await page.locator('input[placeholder="请输入孩子姓名"]').fill(childName);
  await page.getByText('三年级', { exact: true }).click();
  await page.getByText('提交', { exact: true }).click();

  // No class yet: the family page asks for it, and offers the school's classes of that grade to pick.
  const prompt = page.locator('.family-class-prompt');
  await prompt.waitFor();
  expect(await prompt.innerText()).toContain(`请选择${childName}所在的班级`);
  expect(await page.locator('.family-child').innerText()).toContain('未选择班级');
  await prompt.getByText(`为${childName}选择班级`, { exact: true }).click();
  const form = page.locator('.child-form');
  await form.locator('.choice-chips__chip', { hasText: DEMO_CLASS_NAME }).waitFor();
  // Picked, not typed: there is no class text box when the school has a class list.
  expect(await form.locator('input[placeholder^="班级"]').count()).toBe(0);
  await form.locator('.choice-chips__chip', { hasText: DEMO_CLASS_NAME }).click();
  await settledScreenshot(page, 'web-join-pick-class');
  await form.getByText('保存修改', { exact: true }).click();
  await form.waitFor({ state: 'detached' });
  await page
    .locator('.family-child')
    .getByText(new RegExp(DEMO_CLASS_NAME.replace(/[()（）]/g, '.')))
    .waitFor();
  expect(await page.locator('.family-class-prompt').count()).toBe(0);
  expect(await page.locator('.family-child').innerText()).toContain(DEMO_CLASS_NAME);

  const child = await app.db.child.findFirstOrThrow({
    where: { family: { guardians: { some: { user: { openid } } } } },
    select: { name: true, grade: true, className: true },
  });
  expect(child).toEqual({ name: childName, grade: DEMO_CLASS_GRADE, className: DEMO_CLASS_NAME });
  expect(errors).toEqual([]);
}, 120_000);
