/**
 * Sessions end to end in real Chromium against the real server (demo mode), two browsers side by side:
 * the demo school's coordinator opens a 家庭心理健康教育指导服务 session through the staff pages; demo parent 4
 * (a family at the demo school) finds it, registers, and checks in by the coordinator's rotating QR code (read as
 * a phone's camera reads it: a link to the 签到 page); the coordinator's roster shows the family present and the
 * family's record counts one more guidance service this year. An online session's host shows a 6-digit code
 * that parents type.
 */
import type { TestApp } from '../helpers/test-app';
import { DEMO_SCHOOL_NAME } from '../../prisma/seed/demo-ids';
import { startWebApp, type WebApp } from '../helpers/web-app';
import { settledScreenshot, type Browser } from '../helpers/browser';
import { signInAsStaff, signInAsDemoParent } from '../helpers/web-login';
import { chinaDateTimeText, chinaYear as serviceYear } from '../../server/shared/china-time';
import jsQR from 'jsqr';
import { makeSession, sessionInput } from '../helpers/builders';

/**
 * What a phone's camera reads from the QR image on the page: the page's pixels (the CSP rightly allows no
 * injected script there), decoded by jsQR here.
 */
async function readQr(page: Browser['page'], selector: string): Promise<string> {
  const image = await page.locator(selector).evaluate(async (img: HTMLImageElement) => {
    const bitmap = await createImageBitmap(img);
    const canvas = document.createElement('canvas');
    canvas.width = bitmap.width;
    canvas.height = bitmap.height;
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(bitmap, 0, 0);
    const { data, width, height } = ctx.getImageData(0, 0, canvas.width, canvas.height);
    return { data: Array.from(data), width, height };
  });
  const found = jsQR(Uint8ClampedArray.from(image.data), image.width, image.height);
  if (!found) throw new Error('no QR code found in the image');
  return found.data;
}

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

  // ── The coordinator opens 现场签到: the rotating QR code, large.
  await card.getByText('现场签到', { exact: true }).click();
  const qr = coord.locator('.session-live__qr img');
  await qr.waitFor();
  expect(await qr.getAttribute('src')).toMatch(/^data:image\/png;base64,/);
  // An offline session has no typed code: the QR is the way in.
  expect(await coord.locator('.session-live__code').count()).toBe(0);
  await settledScreenshot(coord, 'web-session-live');

  // ── A phone's camera reads the QR: a link to the 签到 page of this web build with the code in it.
  const link = await readQr(coord, '.session-live__qr img');
  expect(link.startsWith(`${http.url}/packageParent/checkin/index?code=`)).toBe(true);
  expect(decodeURIComponent(new URL(link).searchParams.get('code')!).startsWith(`${session.id}.`)).toBe(true);
  await parent.goto(link);
  await parent.locator('.check-in').waitFor();
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

it('an online session: the host shows one 6-digit code, a parent types it and is checked in', async () => {
  const coordUser = await app.db.user.findUniqueOrThrow({ where: { username: 'coord.demo' }, select: { id: true } });
  const school = await app.db.orgUnit.findFirstOrThrow({ where: { name: DEMO_SCHOOL_NAME }, select: { id: true } });
  const title = `线上家长课堂：识别心理危机信号 ${Date.now().toString(36)}`;
  const { id } = await makeSession(
    app,
    sessionInput(school.id, {
      title,
      mode: 'ONLINE',
      venue: undefined,
      capacity: 500,
      startsAt: new Date(Date.now() + 10 * 60_000).toISOString(),
      endsAt: new Date(Date.now() + 70 * 60_000).toISOString(),
    }),
    { by: await app.as(coordUser.id) },
  );
  const coord = coordBrowser.page;
  const parent = parentBrowser.page;
  await coord.goto(`${http.url}/packageStaff/session-live/index?id=${id}`);
  const codeText = coord.locator('.session-live__code');
  await codeText.waitFor();
  const shown = (await codeText.innerText()).trim();
  expect(shown).toMatch(/^\d{3} \d{3}$/);
  expect(shown.replace(' ', '')).toBe(
    (await app.db.guidanceSession.findUniqueOrThrow({ where: { id }, select: { checkInShortCode: true } }))
      .checkInShortCode,
  );
  expect(await coord.locator('.session-live').innerText()).toContain('整场活动不变');
  await settledScreenshot(coord, 'web-session-live-online');

  // The parent types the code as heard in the stream, with the space.
  await parent.goto(`${http.url}/packageParent/checkin/index`);
  await parent.locator('input[placeholder="6 位签到码"]').fill(shown);
  await parent.getByText('签到', { exact: true }).click();
  await parent.locator('.check-in__result').getByText('签到成功', { exact: true }).waitFor();
  expect(await parent.locator('.check-in__result').innerText()).toContain(title);
  const family = await app.db.guardian.findFirstOrThrow({
    where: { user: { openid: `openid-demo-parent-${PARENT}` } },
    select: { familyId: true },
  });
  expect(
    await app.db.attendance.findUniqueOrThrow({
      where: { sessionId_familyId: { sessionId: id, familyId: family.familyId } },
      select: { present: true },
    }),
  ).toEqual({ present: true });
  // A wrong code gets a plain answer.
  await parent.locator('input[placeholder="6 位签到码"]').fill('000 000');
  await parent.getByText('签到', { exact: true }).click();
  await parent.getByText(/签到码不对/).waitFor();
}, 120_000);
