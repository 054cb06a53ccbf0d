/**
 * 家长课堂 end to end in real Chromium: demo parent 7 (a family at the demo school) opens the lesson library,
 * filters by the topic 儿童常见心理问题, reads a lesson, marks it 已学习, and the database holds the completion;
 * back on the list the lesson carries the 已学习 marker.
 */
import { KNOWLEDGE_QUESTIONS } from '../../server/shared/knowledge-check';
import type { TestApp } from '../helpers/test-app';
import { startWebApp, type WebApp } from '../helpers/web-app';
import { screenshot, type Browser } from '../helpers/browser';
import { signInAsDemoParent } from '../helpers/web-login';

// A demo parent with a family that no other test uses.
const PARENT = 7;

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

it('a parent opens 家长课堂, reads a lesson on common child problems and marks it 已学习', async () => {
  const { page } = browser;
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));

  const user = await app.db.user.findFirstOrThrow({
    where: { openid: `openid-demo-parent-${PARENT}` },
    select: { id: true },
  });
  const lesson = await app.db.lesson.findFirstOrThrow({
    where: { topic: 'COMMON_PROBLEMS', published: true },
    select: { id: true, title: true },
  });
  expect(await app.db.lessonCompletion.count({ where: { userId: user.id, lessonId: lesson.id } })).toBe(0);

  // Headless Chromium has no voices (speaking fails at once): the browser's voice is replaced by one that
  // records what it is asked to say and keeps "speaking" until cancelled.
  await page.addInitScript(() => {
    const w = window as unknown as { __spoken: { text: string; lang: string }[]; __cancelled: number };
    w.__spoken = [];
    w.__cancelled = 0;
    const synth = window.speechSynthesis;
    synth.speak = (u: SpeechSynthesisUtterance) => {
      w.__spoken.push({ text: u.text, lang: u.lang });
    };
    synth.cancel = () => {
      w.__cancelled += 1;
    };
  });
  await page.goto(`${http.url}/pages/login/index?demoParent=${PARENT}`);
  await signInAsDemoParent(page);
  await page.getByText('家长课堂（课程资源）', { exact: true }).click();

  const library = page.locator('.lesson-library');
  await library.locator('.lesson-card').first().waitFor();
  await library.locator('.lesson-filters').getByText('儿童常见心理问题', { exact: true }).click();
  // Only lessons of that topic remain.
  await page.waitForFunction(() => {
    const tags = Array.from(
      document.querySelectorAll('.lesson-library .lesson-card .lesson-tag--topic'),
      (t) => t.textContent,
    );
    return tags.length > 0 && tags.every((t) => t === '儿童常见心理问题');
  });
  const card = library.locator('.lesson-card').filter({ hasText: lesson.title });
  expect(await card.innerText()).not.toContain('已学习');
  await card.click();

  const detail = page.locator('.lesson-detail');
  await detail.locator('.lesson-detail__title').getByText(lesson.title, { exact: true }).waitFor();
  expect(await detail.locator('.lesson-detail__paragraph').count()).toBeGreaterThan(1);
  // 朗读课程: the title and the text, in Chinese; tapped again, it stops.
  await detail.getByRole('button', { name: /朗读课程/ }).click();
  await detail.getByRole('button', { name: /停止朗读/ }).waitFor();
  const spoken = await page.evaluate(
    () => (window as unknown as { __spoken: { text: string; lang: string }[] }).__spoken,
  );
  expect(spoken).toHaveLength(1);
  expect(spoken[0].lang).toBe('zh-CN');
  expect(spoken[0].text.startsWith(lesson.title)).toBe(true);
  expect(spoken[0].text).toContain((await detail.locator('.lesson-detail__paragraph').first().innerText()).trim());
  const cancelled = () => page.evaluate(() => (window as unknown as { __cancelled: number }).__cancelled);
  const before = await cancelled();
  await detail.getByRole('button', { name: /停止朗读/ }).click();
  await detail.getByRole('button', { name: /朗读课程/ }).waitFor();
  expect(await cancelled()).toBeGreaterThan(before);
  await detail.getByText('标记为已学习', { exact: true }).click();
  await detail
    .locator('.lesson-detail__done')
    .getByText(/^已学习，你已学完 \d+ 节课程$/)
    .waitFor();
  await screenshot(page, 'web-lesson-completed');

  // After the lesson, the warning-sign check: one question per screen, then the score and the right answers.
  const quiz = detail.locator('.knowledge-check');
  expect(await quiz.innerText()).toContain('学习后小测验');
  await quiz.getByText('开始小测验', { exact: true }).click();
  for (const q of KNOWLEDGE_QUESTIONS) {
    await quiz.locator('.knowledge-check__q').getByText(q.text, { exact: true }).waitFor();
    await quiz.locator('.knowledge-check__option').nth(q.answer).click();
  }
  await quiz
    .locator('.knowledge-check__score')
    .getByText(`答对 ${KNOWLEDGE_QUESTIONS.length} 题，共 ${KNOWLEDGE_QUESTIONS.length} 题`, { exact: true })
    .waitFor();
  const kept = await app.db.knowledgeCheck.findMany({ where: { lessonId: lesson.id, phase: 'AFTER' } });
  expect(kept.map((k) => k.score)).toContain(KNOWLEDGE_QUESTIONS.length);

  const completion = await app.db.lessonCompletion.findFirst({
    where: { userId: user.id, lessonId: lesson.id },
    select: { familyId: true },
  });
  expect(completion).not.toBeNull();
  const guardian = await app.db.guardian.findFirstOrThrow({ where: { userId: user.id }, select: { familyId: true } });
  expect(completion!.familyId).toBe(guardian.familyId);

  // Back on the list (reloaded when it shows again), the lesson is marked.
  await page.goBack();
  await card.locator('.lesson-tag--done').getByText('已学习', { exact: true }).waitFor();

  expect(errors).toEqual([]);
}, 90_000);
