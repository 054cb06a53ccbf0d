/**
 * The desk pages in real Chromium at 1366 × 900, as a county's desk staff would use them: the county admin
 * imports the bureau's units file and a school's staff file (a bad file first: its row errors, nothing
 * written); the school's coordinator imports the class roster, opens a class, gives it an invite code, and
 * enters a paper sign-in sheet on a session's page. Tables fit the screen and their text is at least 14 px.
 */
import type { Page } from 'playwright-core';
import type { TestApp } from '../helpers/test-app';
import { startWebApp, type WebApp } from '../helpers/web-app';
import { settledScreenshot } from '../helpers/browser';
import { signInAsStaff } from '../helpers/web-login';
import { makeCounty, uid } from '../helpers/builders';
import { inHours, makeSession, sessionInput } from '../helpers/builders';
import { xlsxBase64 } from '../helpers/xlsx';
import { hashPassword } from '../../server/services/auth/password';

let web: WebApp;
let app: TestApp;
let http: { url: string; close(): Promise<void> };

beforeAll(async () => {
  web = await startWebApp(1);
  ({ app, http } = web);
  await web.browsers[0].page.setViewportSize({ width: 1366, height: 900 });
}, 60_000);
afterAll(() => web?.close());

const PASSWORD = 'desk-pass-2026';
async function account(role: 'ADMIN' | 'COORDINATOR', orgUnitId: string) {
  const username = `desk.${role.toLowerCase()}.${uid()}`;
  await app.db.user.create({
    data: {
      username,
      displayName: role === 'ADMIN' ? '县教育局管理员' : '家长学校负责人',
      passwordHash: await hashPassword(PASSWORD),
      roles: { create: { role, orgUnitId } },
    },
  });
  return username;
}

const xlsxFile = async (name: string, rows: (string | null)[][]) => ({
  name,
  mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  buffer: Buffer.from(await xlsxBase64(rows), 'base64'),
});

/** The page in front (Taro keeps earlier pages in the DOM under it). */
const front = (page: Page) => page.locator('.taro_page').last();

async function signOut(page: Page) {
  await page.evaluate(() => window.localStorage.clear());
  await page.goto(`${http.url}/`);
}

/** Every table on the page fits its card at this width, and its text is readable. */
async function expectReadableTables(page: Page) {
  const tables = await front(page)
    .locator('table.desk-table')
    .evaluateAll((els) =>
      els.map((t) => ({
        fits: t.scrollWidth <= t.clientWidth + 1,
        fontPx: parseFloat(getComputedStyle(t.querySelector('td') ?? t).fontSize),
      })),
    );
  expect(tables.length).toBeGreaterThan(0);
  for (const t of tables) {
    expect(t.fits).toBe(true);
    expect(t.fontPx).toBeGreaterThanOrEqual(14);
  }
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1366);
}

it('a county admin imports units and staff; the coordinator imports the roster and a paper sign-in sheet', async () => {
  const page = web.browsers[0].page;
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const county = await makeCounty(app.db, { name: `书桌县${uid().slice(0, 4)}` });
  const admin = await account('ADMIN', county.id);

  // ── 学校与站点: a file with a mistake first, then the right one.
  await page.goto(`${http.url}/`);
  await signInAsStaff(page, admin, PASSWORD);
  await page.getByText('学校与站点', { exact: true }).click();
  const upload = front(page).locator('.units-import input[type=file]');
  await upload.setInputFiles(
    await xlsxFile('单位.xlsx', [
      ['名称', '类型', '代码'],
      ['书桌小学', '学校', '12345'],
      ['', '学校', null],
    ]),
  );
  const refused = front(page).locator('.import-result--refused');
  await refused.waitFor();
  expect(await refused.locator('tbody tr').allInnerTexts()).toEqual([
    expect.stringMatching(/^第 2 行\s+学校标识码应为 10 位数字$/),
    expect.stringMatching(/^第 3 行\s+名称不能为空$/),
  ]);
  expect(await app.db.orgUnit.count({ where: { parentId: county.id } })).toBe(0);
  const schoolCode = `3${Date.now().toString().slice(-9)}`;
  await upload.setInputFiles(
    await xlsxFile('单位.xlsx', [
      ['名称', '类型', '代码'],
      ['书桌小学', '学校', schoolCode],
      ['书桌社区家长学校', '社区家长学校', null],
    ]),
  );
  await front(page).getByText('“单位.xlsx”已导入：新建 2 个单位，更新 0 个。', { exact: true }).waitFor();
  await front(page).locator('.county-units tbody tr').nth(1).waitFor();
  expect(await front(page).locator('.county-units tbody tr').allInnerTexts()).toEqual([
    expect.stringMatching(/^书桌小学\s+改名\s+学校\s+\d{10}\s+—\s+撤销$/),
    expect.stringMatching(/^书桌社区家长学校\s+改名\s+社区家长学校\s+—\s+—\s+撤销$/),
  ]);
  // One more by hand, then closed: it stays listed as 已撤销.
  const form = front(page).locator('.new-unit');
  await form.getByText('妇女儿童之家', { exact: true }).click();
  await form.locator('input[placeholder="如 第一实验小学"]').fill('书桌村妇女儿童之家');
  await form.locator('input[placeholder="可不填"]').fill('书桌镇');
  await form.getByText('新建', { exact: true }).click();
  await form.getByText('已新建“书桌村妇女儿童之家”，并生成了学校邀请码。', { exact: true }).waitFor();
  const home = front(page).locator('.county-units tbody tr').filter({ hasText: '书桌村妇女儿童之家' });
  expect(await home.innerText()).toMatch(/^书桌村妇女儿童之家\s+改名\s+妇女儿童之家\s+—\s+书桌镇\s+撤销$/);
  await home.getByText('撤销', { exact: true }).click();
  await home.getByText('确认撤销（往年统计保留）', { exact: true }).click();
  await home.getByText('已撤销', { exact: true }).waitFor();
  expect((await app.db.orgUnit.findFirstOrThrow({ where: { name: '书桌村妇女儿童之家' } })).closedAt).not.toBeNull();
  // A site renamed (its families and figures stay with it).
  const siteId = await front(page)
    .locator('.county-units tbody tr')
    .filter({ hasText: '书桌社区家长学校' })
    .getAttribute('data-unit-id');
  // (While it is edited, the name is in the input, not in the row's text: the row is found by its unit.)
  const site = front(page).locator(`.county-units tbody tr[data-unit-id="${siteId}"]`);
  await site.getByText('改名', { exact: true }).click();
  await site.locator('input').fill('书桌社区家长学校（东区）');
  await site.getByText('保存', { exact: true }).click();
  await front(page).locator('.county-units').getByText('书桌社区家长学校（东区）', { exact: true }).waitFor();
  await expectReadableTables(page);
  await settledScreenshot(page, 'web-admin-units', { tall: true });

  // ── 教职工账号: the school's coordinator and a class teacher; their initial passwords shown once.
  await page.goBack();
  await page.getByText('教职工账号', { exact: true }).click();
  const coordinatorName = `desk.zhou.${uid()}`;
  await front(page)
    .locator('.staff-import input[type=file]')
    .setInputFiles(
      await xlsxFile('教职工.xlsx', [
        ['姓名', '用户名', '角色', '学校标识码', '班主任班级'],
        ['周主任', coordinatorName, '家长学校负责人', schoolCode, null],
        ['吴老师', `desk.wu.${uid()}`, '教师', schoolCode, '三年级（1）班'],
      ]),
    );
  await front(page).getByText('“教职工.xlsx”已导入：新开设 2 个账号，更新 0 个。', { exact: true }).waitFor();
  const passwords = front(page).locator('.initial-passwords tbody tr');
  expect(await passwords.count()).toBe(2);
  const initial = (await passwords.first().locator('td').nth(2).innerText()).trim();
  expect(initial).toMatch(/^[A-Za-z0-9]{12}$/);
  // One more account by hand, at the school picked below the county.
  const newStaff = front(page).locator('.desk-stack').filter({ hasText: '开设一个账号：选择学校' }).last();
  await newStaff.getByText('书桌小学', { exact: true }).click();
  const staffForm = front(page).locator('.new-staff');
  await staffForm.getByText('心理健康教师', { exact: true }).click();
  await staffForm.locator('input[placeholder="如 刘老师"]').fill('陈老师');
  const chen = `desk.chen.${uid()}`;
  await staffForm.locator('input[placeholder="字母、数字、点，如 liu.teacher"]').fill(chen);
  await staffForm.locator('input[placeholder="至少 8 位，不能全是数字"]').fill('12345678');
  await staffForm.getByText('开设账号', { exact: true }).click();
  await staffForm.locator('.form-error').waitFor();
  expect(await staffForm.locator('.form-error').innerText()).toBe('密码不能全是数字，请加入字母或符号');
  await staffForm.locator('input[placeholder="至少 8 位，不能全是数字"]').fill('chen-first-2026');
  await staffForm.getByText('开设账号', { exact: true }).click();
  await staffForm.getByText(`已开设 陈老师（${chen}）的账号，请把初始密码当面交给本人。`, { exact: true }).waitFor();
  // The accounts are listed, waiting for their first sign-in; a forgotten password is reset here.
  const wuRow = front(page).locator('.staff-list tbody tr').filter({ hasText: '吴老师' });
  await wuRow.getByText('待首次登录改密码', { exact: true }).waitFor();
  await wuRow.getByText('重设密码', { exact: true }).click();
  await wuRow.getByText(/^新的初始密码：[A-Za-z0-9]{12}$/).waitFor();
  expect(await app.db.auditLog.count({ where: { action: 'staff.resetPassword' } })).toBeGreaterThan(0);
  await expectReadableTables(page);
  await settledScreenshot(page, 'web-admin-staff', { tall: true });

  // ── The coordinator (password changed at first sign-in) imports the roster.
  const school = await app.db.orgUnit.findUniqueOrThrow({ where: { code: schoolCode } });
  await app.db.user.update({
    where: { username: coordinatorName },
    data: { passwordHash: await hashPassword(PASSWORD), mustChangePassword: false },
  });
  await signOut(page);
  await signInAsStaff(page, coordinatorName, PASSWORD);
  await page.getByText('班级名册与待核对', { exact: true }).click();
  const names = Array.from({ length: 8 }, (_, i) => `书桌学生${i + 1}`);
  await front(page)
    .locator('.roster-import input[type=file]')
    .setInputFiles(
      await xlsxFile('名册.xlsx', [
        ['年级', '班级', '学生姓名', '家庭编号', '监护人姓名', '监护人关系', '监护人手机'],
        ...names.map((n, i) => [
          '三年级',
          '1班',
          n,
          i < 2 ? 'JT-1' : null,
          i === 0 ? '书桌家长' : null,
          i === 0 ? '母亲' : null,
          i === 0 ? '13912345678' : null,
        ]),
        ['四年级', '2班', '书桌学生9', null, null, null, null],
      ]),
    );
  await front(page)
    .getByText('“名册.xlsx”已导入：9 名学生、8 户家庭；新增 9 名，变更 0 处，离校 0 名。', { exact: true })
    .waitFor();
  const classRows = front(page).locator('.roster-classes tbody tr');
  await classRows.nth(1).waitFor();
  expect(await classRows.allInnerTexts()).toEqual([
    expect.stringMatching(/^三年级（1）班\s+8\s+7\s+0 户\s+吴老师\s+生成班级邀请码\s+查看学生$/),
    expect.stringMatching(/^四年级（2）班\s+1\s+1\s+0 户\s+未设置\s+生成班级邀请码\s+查看学生$/),
  ]);
  await classRows.first().getByText('生成班级邀请码', { exact: true }).click();
  const shownCode = classRows.first().locator('.desk-code');
  await shownCode.waitFor();
  const invite = await app.db.inviteCode.findFirstOrThrow({
    where: { orgUnitId: school.id, kind: 'CLASS', className: '三年级（1）班' },
  });
  expect(await shownCode.innerText()).toBe(invite.code);
  await classRows.first().getByText('查看学生', { exact: true }).click();
  const students = front(page).locator('.class-students tbody tr');
  await students.nth(7).waitFor();
  // The rostered mobile is shown masked only.
  expect(await front(page).locator('.class-students').innerText()).toContain('书***（母亲） 139****5678');
  expect(await front(page).locator('.class-students').innerText()).not.toContain('13912345678');
  await front(page).getByText('没有待核对的家庭。', { exact: true }).waitFor();
  // A student who moved away leaves the roster by hand.
  const leaver = students.filter({ hasText: '书桌学生8' });
  await leaver.getByText('转学', { exact: true }).click();
  await leaver.getByText('确认转学', { exact: true }).click();
  await leaver.waitFor({ state: 'detached' });
  expect((await app.db.child.findFirstOrThrow({ where: { schoolId: school.id, name: '书桌学生8' } })).leftReason).toBe(
    'TRANSFERRED',
  );
  await expectReadableTables(page);
  await settledScreenshot(page, 'web-admin-rosters', { tall: true });

  // ── A lecture on now: its paper sign-in sheet, on the session's 名单 page.
  const session = await makeSession(
    app,
    sessionInput(school.id, { startsAt: inHours(-0.5), endsAt: inHours(1), capacity: 100 }),
  );
  await page.goto(`${http.url}/packageStaff/roster/index?id=${session.id}`);
  await front(page)
    .locator('.attendance-sheet-import input[type=file]')
    .setInputFiles(
      await xlsxFile('签到表.xlsx', [
        ['年级', '班级', '学生姓名'],
        ['三年级', '1班', '书桌学生1'],
        ['三年级', '1班', '书桌学生2'], // the same household as 书桌学生1
        ['三年级', '1班', '书桌学生3'],
        ['三年级', '1班', '不在名册'],
      ]),
    );
  const sheet = front(page).locator('.attendance-sheet-import .import-result');
  await sheet.getByText(/新记到场 2 户/).waitFor();
  expect(await sheet.locator('tbody tr').allInnerTexts()).toEqual([expect.stringMatching(/^第 5 行\s+不在名册$/)]);
  expect((await app.db.guidanceSession.findUniqueOrThrow({ where: { id: session.id } })).attendedCount).toBe(2);
  // A grandmother who came without registering: ticked on the class roster.
  const ticking = front(page).locator('.roster-ticking');
  await ticking.getByText('三年级（1）班', { exact: true }).click();
  const row = ticking.locator('tbody tr').filter({ hasText: '书桌学生4' });
  await row.getByText('标记到场', { exact: true }).click();
  await row.getByText('已到场（撤销）', { exact: true }).waitFor();
  // 书桌学生1's household, present from the sheet, shows as present here too.
  await ticking
    .locator('tbody tr')
    .filter({ hasText: '书桌学生1' })
    .getByText('已到场（撤销）', { exact: true })
    .waitFor();
  expect((await app.db.guidanceSession.findUniqueOrThrow({ where: { id: session.id } })).attendedCount).toBe(3);
  // 代办: another grandmother asks at the gate to be put down for the lecture; the coordinator registers
  // her household on its behalf, audited as the coordinator's.
  const proxied = ticking.locator('tbody tr').filter({ hasText: '书桌学生6' });
  await proxied.getByText('代为报名', { exact: true }).click();
  await proxied.getByText('报名成功', { exact: true }).waitFor();
  const sixth = await app.db.child.findFirstOrThrow({
    where: { schoolId: school.id, name: '书桌学生6' },
    select: { familyId: true },
  });
  const coordinator = await app.db.user.findUniqueOrThrow({ where: { username: coordinatorName } });
  expect(
    await app.db.registration.findUniqueOrThrow({
      where: { sessionId_familyId: { sessionId: session.id, familyId: sixth.familyId } },
      select: { status: true, registeredById: true },
    }),
  ).toEqual({ status: 'CONFIRMED', registeredById: coordinator.id });
  expect(
    await app.db.auditLog.count({
      where: { action: 'session.registerFamily', actorUserId: coordinator.id, targetId: session.id },
    }),
  ).toBe(1);
  await settledScreenshot(page, 'web-admin-attendance-sheet', { tall: true });
  expect(errors).toEqual([]);
  // A whole morning of desk work (four imports, a dozen tables, four full-page screenshots): longer than one
  // page's test, and slower still while the rest of the suite runs beside it.
}, 120_000);
