/**
 * Parents managing their family in real Chromium against the real server (demo mode):
 * - a page opened directly (a link from a message) has 返回首页, and it goes home; the home page has none;
 * - checklist answers survive a reload: the page opens on the item it was on, with the answers given, and the
 *   danger signs are marked in words; submitting deletes the draft, and the result page's button (opened with
 *   nothing to go back to) goes home;
 * - a grandparent adds a second child, picking the class from the school's class list.
 */
import type { TestApp } from '../helpers/test-app';
import { startWebApp, type WebApp } from '../helpers/web-app';
import { settledScreenshot, type Browser } from '../helpers/browser';
import { signInAsDemoParent } from '../helpers/web-login';
import { CRISIS_SIGNS } from '../../prisma/seed/demo-checklists';
import { schoolClassList } from '../../server/services/families/families.sql';
import { gradeLabel } from '../../server/shared/grades';

// Demo parents with a family at the demo school that no other test uses.
// Demo parents no other e2e file signs in as (the files share one demo database and run at once).
const DRAFT_PARENT = 10;
const CHILD_PARENT = 3;

let web: WebApp;
let app: TestApp;
let http: { url: string; close(): Promise<void> };
let draftBrowser: Browser;
let childBrowser: Browser;

beforeAll(async () => {
  web = await startWebApp(2);
  ({ app, http } = web);
  [draftBrowser, childBrowser] = web.browsers;
}, 60_000);

afterAll(() => web?.close());

const guardianOf = (n: number) =>
  app.db.guardian.findFirstOrThrow({
    where: { user: { openid: `openid-demo-parent-${n}` } },
    select: { familyId: true, userId: true, family: { select: { orgUnitId: true } } },
  });

it('a page opened directly has 返回首页, which goes home; the checklist draft survives a reload', async () => {
  const page = draftBrowser.page;
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const guardian = await guardianOf(DRAFT_PARENT);
  // Start clean (a re-run on the same database).
  await app.db.checklistResponse.deleteMany({ where: { familyId: guardian.familyId } });
  await app.db.checklistDraft.deleteMany({ where: { userId: guardian.userId } });

  await page.goto(`${http.url}/pages/login/index?demoParent=${DRAFT_PARENT}`);
  await signInAsDemoParent(page);
  // The home page is home: no link to itself.
  await page.getByText('我的家庭', { exact: true }).waitFor();
  expect(await page.getByText('‹ 返回首页', { exact: true }).count()).toBe(0);

  // ── 我的家庭 opened directly, as from a link in a message: nothing to go back to, so 返回首页.
  await page.goto(`${http.url}/packageParent/family/index`);
  await page.locator('.family-overview').waitFor();
  const homeLink = page.locator('.home-link').getByText('‹ 返回首页', { exact: true });
  await homeLink.waitFor();
  await settledScreenshot(page, 'web-family-home-link');
  await homeLink.click();
  await page.locator('.home-page').getByText('心理预警清单', { exact: true }).waitFor();
  // Opened from the home page, the page has somewhere to go back to: no 返回首页 on it.
  await page.getByText('我的家庭', { exact: true }).click();
  await page.locator('.family-page .family-overview').waitFor();
  expect(await page.locator('.family-page .home-link').count()).toBe(0);
  await page.goBack();

  // ── The crisis warning-sign list: consent, then the first three items.
  await page.locator('.entry-card').filter({ hasText: '心理预警清单' }).click();
  // The page on top (the web build keeps the pages under it in the document).
  const list = page.locator('.taro_page').last().locator('.checklist-parent');
  await list.getByText('敏感个人信息单独同意（心理预警清单）', { exact: true }).waitFor();
  await list.getByText('同意', { exact: true }).click();
  await list.getByText('开始填写', { exact: true }).waitFor();
  await list.locator('.cl-choice').filter({ hasText: CRISIS_SIGNS.title }).click();
  await list.getByText('开始填写', { exact: true }).click();

  const answer = page.locator('.checklist-answer');
  await answer.getByText(/标有“⚠ 危险信号”的题目/).waitFor();
  await answer.getByText('开始填写', { exact: true }).click();
  const total = CRISIS_SIGNS.items.length;
  const picks = ['从不', '有时', '经常'];
  for (let i = 0; i < 3; i += 1) {
    await answer.getByText(`第 ${i + 1} 题 / 共 ${total} 题`, { exact: true }).waitFor();
    // The first items are danger signs, and say so in words.
    expect(CRISIS_SIGNS.items[i].critical).toBe(true);
    await answer.locator('.cl-item__flag').getByText('⚠ 危险信号：出现过就请立即求助', { exact: true }).waitFor();
    if (i === 0) await settledScreenshot(page, 'web-checklist-danger-sign');
    await answer.locator('.cl-option').filter({ hasText: picks[i] }).click();
    await answer.getByText('下一题', { exact: true }).click();
  }
  await answer.getByText(`第 4 题 / 共 ${total} 题`, { exact: true }).waitFor();
  await answer.getByText(/^回答已自动保存/).waitFor();
  const stored = await app.db.checklistDraft.findFirstOrThrow({
    where: { userId: guardian.userId },
    select: { answersEnc: true },
  });
  expect(stored.answersEnc).not.toContain('c01');

  // ── Reload: the page opens on item 4 again, with the three answers.
  await page.reload();
  await answer.getByText(/^已为您恢复上次的回答/).waitFor();
  await answer.getByText(`第 4 题 / 共 ${total} 题`, { exact: true }).waitFor();
  expect(await answer.getByText(/已答 3 题/).count()).toBe(1);
  await settledScreenshot(page, 'web-checklist-draft-restored');
  await answer.getByText('上一题', { exact: true }).click();
  await answer.getByText(`第 3 题 / 共 ${total} 题`, { exact: true }).waitFor();
  expect(await answer.locator('.cl-option--selected').innerText()).toBe('经常');
  await answer.getByText('下一题', { exact: true }).click();

  // ── The rest 从不, not shared, submitted: the draft is gone.
  for (let i = 3; i < total; i += 1) {
    await answer.getByText(`第 ${i + 1} 题 / 共 ${total} 题`, { exact: true }).waitFor();
    await answer.locator('.cl-option').filter({ hasText: '从不' }).click();
    await answer.getByText(i === total - 1 ? '下一步' : '下一题', { exact: true }).click();
  }
  await answer.getByText('不分享', { exact: true }).click();
  await answer.getByText('提交清单', { exact: true }).click();
  const result = page.locator('.checklist-result');
  await result.locator('.cl-tier__label').getByText('紧急：请立即求助', { exact: true }).waitFor();
  expect(await app.db.checklistDraft.count({ where: { userId: guardian.userId } })).toBe(0);
  const response = await app.db.checklistResponse.findFirstOrThrow({
    where: { familyId: guardian.familyId, submittedById: guardian.userId },
    select: { id: true, tier: true },
  });
  expect(response.tier).toBe('URGENT');

  // ── The result page, with nothing under it (the answer page was reloaded): its one button goes home.
  await result.getByText('返回首页', { exact: true }).click();
  await page.locator('.home-page').getByText('心理预警清单', { exact: true }).waitFor();

  // And opened directly from a bookmark: the same.
  await page.goto(`${http.url}/packageChecklists/result/index?responseId=${response.id}`);
  await result.locator('.cl-tier__label').getByText('紧急：请立即求助', { exact: true }).waitFor();
  await result.getByText('返回首页', { exact: true }).click();
  await page.locator('.home-page').getByText('心理预警清单', { exact: true }).waitFor();
  expect(errors).toEqual([]);
}, 120_000);

it('a grandparent adds a second child, picking the class from the school’s class list', async () => {
  const page = childBrowser.page;
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const guardian = await guardianOf(CHILD_PARENT);
  const NAME = '吴小妹';
  await app.db.child.deleteMany({ where: { familyId: guardian.familyId, name: NAME } });
  // The class offered: one of the demo school's classes (its roster and class codes), of its first grade there.
  const classes = await schoolClassList(app.db, guardian.family.orgUnitId);
  expect(classes.length).toBeGreaterThan(0);
  const picked = classes[classes.length - 1];
  const gradeText = gradeLabel(picked.grade);

  await page.goto(`${http.url}/pages/login/index?demoParent=${CHILD_PARENT}`);
  await signInAsDemoParent(page);
  await page.getByText('我的家庭', { exact: true }).click();
  const overview = page.locator('.family-overview');
  await overview.waitFor();
  // The child from the school's roster is the school's record: a correction is asked for, not typed over.
  expect(await overview.innerText()).toContain('学校名册');
  await overview.getByText('申请更正', { exact: true }).first().waitFor();

  await overview.getByText('＋ 添加孩子', { exact: true }).click();
  const form = page.locator('.child-form--add');
  await form.locator('input[placeholder="请输入孩子姓名"]').fill(NAME);
  // Before a grade is chosen there is no class to pick; then the grade's classes, as chips, never a text field.
  await form.getByText('请先选择年级，再选择班级。', { exact: true }).waitFor();
  await form
    .locator('.grade-group .choice-chips__chip')
    .filter({ hasText: new RegExp(`^${gradeText}$`) })
    .click();
  const classChip = form.locator('.choice-chips__chip').filter({ hasText: picked.className });
  await classChip.waitFor();
  expect(await form.locator('input[placeholder^="班级"]').count()).toBe(0);
  await classChip.click();
  await settledScreenshot(page, 'web-family-add-child');
  await form.getByText('添加', { exact: true }).click();

  await form.waitFor({ state: 'detached' });
  await overview.getByText(NAME, { exact: true }).waitFor();
  expect(await overview.innerText()).toContain(picked.className);
  const added = await app.db.child.findFirstOrThrow({
    where: { familyId: guardian.familyId, name: NAME },
    select: { grade: true, className: true, schoolId: true, enrolledAt: true },
  });
  expect(added).toEqual({
    grade: picked.grade,
    className: picked.className,
    schoolId: guardian.family.orgUnitId,
    enrolledAt: null,
  });
  expect(
    await app.db.auditLog.count({ where: { actorUserId: guardian.userId, action: 'family.addChild' } }),
  ).toBeGreaterThan(0);
  expect(errors).toEqual([]);
}, 120_000);
