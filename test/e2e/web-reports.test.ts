/**
 * Coverage reports end to end in real Chromium against the real server (demo mode): 哈尔滨市妇联 staff sign in on
 * the web, open 覆盖情况统计 and see 哈尔滨市 with its districts and counties as rows; every figure shown equals
 * reports.coverage for the same unit and year. They drill down into 南岗区 (the demo school and its guidance
 * stations), check the figures again (withheld cells read "不公开"), go back up with the breadcrumb and export the
 * Excel workbook, which is read back with exceljs.
 */
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import type { TestApp } from '../helpers/test-app';
import { startWebApp, type WebApp } from '../helpers/web-app';
import { settledScreenshot, type Browser } from '../helpers/browser';
import {
  DEMO_COORDINATOR_USERNAME,
  DEMO_FEDERATION_HARBIN_USERNAME,
  DEMO_PASSWORD,
  DEMO_SCHOOL_COUNTY_ID,
  DEMO_SCHOOL_NAME,
  HARBIN_ID,
} from '../../prisma/seed/demo-ids';
import { signInAsStaff } from '../helpers/web-login';
import { chinaYear } from '../../server/shared/china-time';

let web: WebApp;
let app: TestApp;
let http: { url: string; close(): Promise<void> };
let browser: Browser;

type Coverage = Awaited<ReturnType<ReturnType<TestApp['caller']>['reports']['coverage']>>;
type Row = Coverage['rows'][number];

/** How the page writes a figure: withheld counts read "不公开", a withheld rate "—". */
const count = (n: number | null) => (n === null ? '不公开' : String(n));
const percent = (n: number | null) => (n === null ? '—' : `${(Math.round(n * 1000) / 10).toFixed(1)}%`);

function expectedCells(r: Row): Record<string, string> {
  return {
    families: count(r.families),
    servedFamilies: count(r.servedFamilies),
    // Nothing to divide: “—”, not 0.0%.
    coverage: r.families === 0 ? '—' : percent(r.coverage),
    activeGuidanceSites: `${count(r.activeGuidanceSites)}/${count(r.guidanceSites)}`,
    sessions: count(r.sessions),
    attendances: count(r.attendances),
    homeVisitsDone: count(r.homeVisitsDone),
  };
}

/** This year in China (UTC+8), as the page picks it by default. */
const thisYear = (): number => chinaYear(new Date());

beforeAll(async () => {
  web = await startWebApp(1);
  ({ app, http } = web);
  [browser] = web.browsers;
}, 60_000);

afterAll(() => web?.close());

it('federation staff see their region’s coverage, drill down one level and export the workbook', async () => {
  const { page } = browser;
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));

  const staff = await app.db.user.findUniqueOrThrow({
    where: { username: DEMO_FEDERATION_HARBIN_USERNAME },
    select: { id: true },
  });
  const caller = app.caller(await app.as(staff.id));
  const year = thisYear();

  // ── Sign in on the web and open 覆盖情况统计.
  await page.goto(`${http.url}/`);
  await signInAsStaff(page, DEMO_FEDERATION_HARBIN_USERNAME, DEMO_PASSWORD);
  await page.getByText('覆盖情况统计', { exact: true }).click();

  const dashboard = page.locator('.coverage-dashboard');
  const body = (unitId: string) => dashboard.locator(`.coverage-dashboard__body[data-unit-id="${unitId}"]`);

  /** Every figure on the page for `unitId` equals reports.coverage (the server's own numbers). */
  async function expectFiguresOf(unitId: string): Promise<Coverage> {
    const expected = await caller.reports.coverage({ orgUnitId: unitId, year });
    const shown = body(unitId);
    await shown.waitFor();
    expect(await shown.getAttribute('data-year')).toBe(String(year));
    const t = expected.total;
    expect((await shown.locator('.headline__figure--families .headline__value').innerText()).trim()).toBe(
      count(t.families),
    );
    expect((await shown.locator('.headline__figure--served .headline__value').innerText()).trim()).toBe(
      count(t.servedFamilies),
    );
    expect((await shown.locator('.headline__figure--coverage .headline__value').innerText()).trim()).toBe(
      t.families === 0 ? '—' : percent(t.coverage),
    );
    const rows = shown.locator('.coverage-row[data-unit-id]:not(.coverage-row--total)');
    expect(await rows.count()).toBe(expected.rows.length);
    for (const r of [...expected.rows, t]) {
      const row =
        r === t ? shown.locator('.coverage-row--total') : shown.locator(`.coverage-row[data-unit-id="${r.orgUnitId}"]`);
      expect(await row.locator('.coverage-row__unit').innerText()).toContain(r.name);
      for (const [key, value] of Object.entries(expectedCells(r))) {
        expect([r.name, key, (await row.locator(`.coverage-row__${key}`).innerText()).trim()]).toEqual([
          r.name,
          key,
          value,
        ]);
      }
    }
    return expected;
  }

  // ── 哈尔滨市: its districts and counties are the rows; the demo year's activity is counted.
  const harbin = await expectFiguresOf(HARBIN_ID);
  expect(harbin.name).toBe('哈尔滨市');
  expect(harbin.rows.map((r) => r.name)).toEqual(expect.arrayContaining(['南岗区', '道里区']));
  expect(harbin.rows.every((r) => r.kind === 'COUNTY')).toBe(true);
  expect(harbin.total.servedFamilies).toBeGreaterThan(0);
  expect(harbin.total.sessions).toBeGreaterThan(0);
  // The site share against the 60% target comes from reports.dashboard.
  const board = await caller.reports.dashboard({ orgUnitId: HARBIN_ID, year });
  expect((await body(HARBIN_ID).locator('.headline__figure--site-share .headline__value').innerText()).trim()).toBe(
    board.guidanceSites.sites === 0 ? '—' : percent(board.guidanceSites.share),
  );
  expect(await body(HARBIN_ID).locator('.site-share__text').innerText()).toContain('目标 60.0%');
  // F2 drew the monthly chart on its canvas (some pixel is not blank).
  const drawn = await body(HARBIN_ID)
    .locator('.f2-chart canvas')
    .first()
    .evaluate(async (canvas: HTMLCanvasElement) => {
      for (let i = 0; i < 40; i += 1) {
        const ctx = canvas.getContext('2d');
        if (ctx && canvas.width > 0) {
          const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
          for (let p = 3; p < data.length; p += 4) if (data[p] !== 0) return true;
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      return false;
    });
  expect(drawn).toBe(true);
  await settledScreenshot(page, 'web-reports-harbin', { tall: true });

  // ── Drill down into 南岗区: the demo school and the guidance stations are its rows.
  await body(HARBIN_ID).locator(`.coverage-row[data-unit-id="${DEMO_SCHOOL_COUNTY_ID}"]`).click();
  const nangang = await expectFiguresOf(DEMO_SCHOOL_COUNTY_ID);
  expect(nangang.name).toBe('南岗区');
  expect(nangang.rows.map((r) => r.name)).toContain(DEMO_SCHOOL_NAME);
  expect(nangang.rows.some((r) => r.kind === 'COMMUNITY_SITE')).toBe(true);
  // Below county level small counts are withheld, and the page says so.
  const withheld = nangang.rows.find((r) => r.families === null);
  if (withheld)
    expect(
      (
        await body(DEMO_SCHOOL_COUNTY_ID)
          .locator(`.coverage-row[data-unit-id="${withheld.orgUnitId}"] .coverage-row__families`)
          .innerText()
      ).trim(),
    ).toBe('不公开');
  expect(await dashboard.locator('.breadcrumb').innerText()).toMatch(/哈尔滨市\s*›\s*南岗区/);
  // Schools and stations are the last level: their rows do not open anything.
  expect(await body(DEMO_SCHOOL_COUNTY_ID).locator('.coverage-row--link').count()).toBe(0);
  // The policy targets of 南岗区 (reports.compliance, autumn semester): each tile says 已达标 or 未达标 as the
  // server's figures do, and the gap list names every school and site below a target.
  const compliance = await caller.reports.compliance({
    orgUnitId: DEMO_SCHOOL_COUNTY_ID,
    year,
    semester: `${year}-09`,
  });
  const card = body(DEMO_SCHOOL_COUNTY_ID).locator('.compliance');
  const tile = card.locator('.compliance-tile[data-target="SCHOOL_SEMESTER_ACTIVITIES"]');
  const ct = compliance.total;
  await tile.waitFor();
  expect((await tile.locator('.compliance-tile__value').innerText()).trim()).toBe(
    `${ct.schoolsMeetingSemesterTarget}/${ct.schools}`,
  );
  expect(await tile.innerText()).toContain(ct.schoolsMeetingSemesterTarget === ct.schools ? '已达标' : '未达标');
  const siteTile = card.locator('.compliance-tile[data-target="ACTIVE_SITE_SHARE"]');
  expect(await siteTile.getAttribute('class')).toContain(
    (ct.activeSiteShare ?? 0) >= compliance.targets.ACTIVE_SITE_SHARE
      ? 'compliance-tile--met'
      : 'compliance-tile--below',
  );
  expect(await card.locator('.gap-unit').count()).toBe(compliance.gaps.units.length);
  for (const u of compliance.gaps.units)
    expect(await card.locator(`.gap-unit[data-unit-id="${u.orgUnitId}"]`).innerText()).toContain(u.name);
  // 南岗区 signs its own year once it is over: the card says whether it has, and when it can.
  const signOff = await caller.reports.signOffStatus({ orgUnitId: DEMO_SCHOOL_COUNTY_ID, year });
  expect(signOff.canSign).toBe(true);
  expect(await body(DEMO_SCHOOL_COUNTY_ID).locator('.sign-off').innerText()).toContain(
    signOff.signOff ? '已于' : `年度结束后（${year + 1} 年 1 月 1 日起）可以签报`,
  );
  await settledScreenshot(page, 'web-reports-nangang', { tall: true });

  // ── Back up with the breadcrumb.
  await dashboard.locator('.breadcrumb__name--link').getByText('哈尔滨市', { exact: true }).click();
  await body(HARBIN_ID).waitFor();

  // ── Export the Excel workbook: a download, read back with exceljs.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    dashboard.getByText('导出 Excel 报表', { exact: true }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(`哈尔滨市-${year}年家庭心理健康指导服务覆盖情况.xlsx`);
  const file = await download.path();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const title = wb.getWorksheet('说明');
  expect(title).toBeDefined();
  expect(title!.getCell('A1').value).toBe(`哈尔滨市${year}年家庭心理健康教育指导服务覆盖情况`);
  expect(String(title!.getCell('A2').value)).toContain('范围：哈尔滨市');
  // The total on the title sheet is the one the page shows.
  const servedRow = title!.getRows(1, title!.rowCount)!.find((r) => r.getCell(1).value === '已获指导家庭数');
  expect(servedRow?.getCell(2).value).toBe(harbin.total.servedFamilies);

  // ── And the CSV.
  const [csv] = await Promise.all([
    page.waitForEvent('download'),
    dashboard.getByText('导出 CSV', { exact: true }).click(),
  ]);
  expect(csv.suggestedFilename()).toBe(`哈尔滨市-${year}年覆盖情况.csv`);
  const csvText = fs.readFileSync(await csv.path(), 'utf8');
  expect(csvText).toContain('南岗区');
  expect(csvText).toContain(`合计（哈尔滨市）`);

  expect(errors).toEqual([]);
}, 120_000);

it('the demo school’s coordinator sees the families not yet served this year and invites them', async () => {
  const { page } = browser;
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const year = thisYear();
  const coordinator = await app.db.user.findUniqueOrThrow({
    where: { username: DEMO_COORDINATOR_USERNAME },
    select: { id: true },
  });
  const school = await app.db.orgUnit.findFirstOrThrow({
    where: { kind: 'SCHOOL', parentId: DEMO_SCHOOL_COUNTY_ID, name: DEMO_SCHOOL_NAME },
    select: { id: true },
  });
  const caller = app.caller(await app.as(coordinator.id));
  const expected = await caller.reports.unservedFamilies({ orgUnitId: school.id, year });
  expect(expected.length).toBeGreaterThan(0);

  // A fresh sign-in as coord.demo (the federation user's browser, signed out).
  await page.evaluate(() => window.localStorage.clear());
  await page.goto(`${http.url}/`);
  await signInAsStaff(page, DEMO_COORDINATOR_USERNAME, DEMO_PASSWORD);
  await page.getByText('覆盖情况统计', { exact: true }).click();

  const dashboard = page.locator('.taro_page').last().locator('.coverage-dashboard');
  const section = dashboard.locator(`.unserved-families[data-unit-id="${school.id}"][data-year="${year}"]`);
  await section.locator(`.unserved-families__count[data-count="${expected.length}"]`).waitFor();
  expect(await section.locator('.unserved-families__item').count()).toBe(Math.min(expected.length, 30));
  const first = expected[0];
  const firstRow = section.locator(`.unserved-families__item[data-family-id="${first.familyId}"]`);
  if (first.guardians[0]) expect(await firstRow.innerText()).toContain(first.guardians[0]);
  if (first.children[0]?.className) expect(await firstRow.innerText()).toContain(first.children[0].className);

  // Invite them: one notice per guardian of each unserved family is queued.
  // Other suites share this database, so only this school's families are counted.
  const atThisSchool = {
    dedupeKey: { startsWith: `unserved:${year}:` },
    user: { guardian: { family: { orgUnitId: school.id } } },
  };
  const before = await app.db.notification.count({ where: atThisSchool });
  expect(before).toBe(0);
  await section.getByText('向这些家庭发送活动邀请', { exact: true }).click();
  await section.getByText('确认发送', { exact: true }).click();
  // Families in the app (households on the roster only are not reached by a WeChat message).
  const families = await app.db.family.findMany({
    where: { orgUnitId: school.id, serviceYears: { none: { year } }, guardians: { some: {} } },
    select: { id: true, guardians: { select: { userId: true } } },
  });
  await section
    .getByText(`已向 ${families.length} 户家庭发送邀请（仅发送给已订阅消息的家长）`, { exact: true })
    .waitFor();
  const queued = await app.db.notification.findMany({
    where: atThisSchool,
    select: { userId: true, templateKey: true, status: true },
  });
  const guardianIds = families.flatMap((f) => f.guardians.map((g) => g.userId));
  expect(queued.length).toBe(guardianIds.length);
  expect(new Set(queued.map((n) => n.userId))).toEqual(new Set(guardianIds));
  expect(queued.every((n) => n.templateKey === 'SESSION_REMINDER')).toBe(true);
  await settledScreenshot(page, 'web-reports-unserved', { tall: true });

  // The semester ledger, generated from the records: a download read back sheet by sheet.
  const ledger = dashboard.locator('.ledger-card');
  await ledger.getByText(`${year}年秋季学期`, { exact: true }).click();
  const [book] = await Promise.all([
    page.waitForEvent('download'),
    ledger.getByText('下载台账 Excel', { exact: true }).click(),
  ]);
  const ledgerBook = new ExcelJS.Workbook();
  await ledgerBook.xlsx.readFile(await book.path());
  expect(ledgerBook.worksheets.map((w) => w.name)).toEqual(
    expect.arrayContaining(['汇总', '活动计划与记录', '签到表', '家访汇总', '特殊群体家访']),
  );
  expect(String(ledgerBook.getWorksheet('汇总')!.getCell('A1').value)).toContain(`${year}年秋季学期家长学校工作台账`);
  expect(errors).toEqual([]);
}, 120_000);
