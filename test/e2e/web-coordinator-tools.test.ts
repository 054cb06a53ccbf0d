/**
 * The coordinator's own tools in real Chromium against the real server (demo mode): 活动管理 finds a session
 * held three months ago (按日期查找 and the title), and 课程管理 — reached from the home page — writes a lesson,
 * publishes it, shows its completions by class, and takes it back (撤回发布, so other tests' parents never see it).
 */
import type { Page } from 'playwright-core';
import type { TestApp } from '../helpers/test-app';
import { findDemoSchoolId } from '../../prisma/seed/demo-ids';
import { STAGE_LABELS } from '../../server/shared/grades';
import { LESSON_TOPIC_LABELS } from '../../server/shared/lessons';
import { chinaDay } from '../../server/shared/china-time';
import { startWebApp, type WebApp } from '../helpers/web-app';
import { settledScreenshot } from '../helpers/browser';
import { signInAsStaff } from '../helpers/web-login';
import { inHours, makeSession, sessionInput, uid } from '../helpers/builders';

let web: WebApp;
let app: TestApp;
let http: { url: string; close(): Promise<void> };

beforeAll(async () => {
  web = await startWebApp(1);
  ({ app, http } = web);
}, 60_000);
afterAll(() => web?.close());

const front = (page: Page) => page.locator('.taro_page').last();

it('活动管理 finds a back-dated session; 课程管理 writes, publishes, shows by class and takes back a lesson', async () => {
  const page = web.browsers[0].page;
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const school = await findDemoSchoolId(app.db);
  if (!school) throw new Error('no demo school');
  const tag = uid().slice(0, 6);
  const startsAt = inHours(-90 * 24);
  await makeSession(
    app,
    sessionInput(school, { title: `期中家长会补录 ${tag}`, startsAt, endsAt: inHours(-90 * 24 + 2) }),
  );

  await page.goto(`${http.url}/`);
  await signInAsStaff(page, 'coord.demo', 'demo12345');

  // ── 活动管理: the session from three months ago, by its day and title.
  await page.getByText('活动管理', { exact: true }).click();
  const filters = front(page).locator('.session-filters');
  await filters.getByText('按日期查找', { exact: true }).click();
  const day = chinaDay(new Date(startsAt));
  await filters.locator('input[placeholder="2026-09-01"]').fill(day);
  await filters.locator('input[placeholder="2026-12-31"]').fill(day);
  await filters.locator('input[placeholder="输入活动名称中的字词"]').fill(tag);
  await filters.getByText('查找', { exact: true }).click();
  const card = front(page)
    .locator('.session-card')
    .filter({ hasText: `期中家长会补录 ${tag}` });
  await card.waitFor();
  expect(await front(page).locator('.session-card').count()).toBe(1);

  // ── 课程管理 from the home page.
  await page.goto(`${http.url}/`);
  await page.getByText('课程管理', { exact: true }).click();
  await front(page).getByText('新建课程', { exact: true }).click();
  const form = front(page).locator('.lesson-form');
  const title = `陪孩子度过考试周 ${tag}`;
  await form.locator('input[placeholder="如：孩子情绪低落时怎么陪伴"]').fill(title);
  await form.getByText(LESSON_TOPIC_LABELS.STUDY_PRESSURE, { exact: true }).click();
  // Saving without a stage: the shared schema's words.
  await form.getByText('保存', { exact: true }).click();
  await form.getByText('请至少选择一个适用学段', { exact: true }).waitFor();
  await form.getByText(STAGE_LABELS.PRIMARY, { exact: true }).click();
  await form.locator('textarea').fill('考试前后，孩子紧张是正常的。先听孩子说，再一起安排作息。');
  await form.getByText('保存', { exact: true }).click();

  const row = front(page).locator('.lesson-manage__row').filter({ hasText: title });
  await row.getByText(/草稿（家长看不到）/).waitFor();
  await row.getByText('发布', { exact: true }).click();
  await row.getByText(/已发布/).waitFor();
  const lesson = await app.db.lesson.findFirstOrThrow({
    where: { title },
    select: { published: true, orgUnitId: true },
  });
  expect(lesson).toEqual({ published: true, orgUnitId: school });
  await row.getByText('按班级查看', { exact: true }).click();
  await row.locator('.lesson-classes__row').first().waitFor();
  expect(await row.locator('.lesson-classes').innerText()).toMatch(/学完 0 \/ \d+ 户/);
  await settledScreenshot(page, 'web-lesson-manage', { tall: true });
  await row.getByText('撤回发布', { exact: true }).click();
  await row.getByText(/草稿（家长看不到）/).waitFor();
  expect((await app.db.lesson.findFirstOrThrow({ where: { title }, select: { published: true } })).published).toBe(
    false,
  );
  expect(errors).toEqual([]);
});
