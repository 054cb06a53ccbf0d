/**
 * 心理预警清单 end to end in real Chromium against the real server (demo mode), two browsers side by side:
 * demo parent 6 (a family at the demo school) reads and gives the separate consent for sensitive data, answers
 * the crisis warning-sign list with one critical sign, chooses to share with the school, and sees 紧急 (URGENT)
 * with tap-to-call hotlines; the demo school's counsellor finds the referral in the 转介信箱, reads it and
 * 确认接收. The database holds the response encrypted, the referral acknowledged, and an audit row per read.
 */
import type { TestApp } from '../helpers/test-app';
import { DEMO_SCHOOL_NAME } from '../../prisma/seed/demo-ids';
import { startWebApp, type WebApp } from '../helpers/web-app';
import { settledScreenshot, type Browser } from '../helpers/browser';
import { CRISIS_SIGNS } from '../../prisma/seed/demo-checklists';
import { signInAsStaff, signInAsDemoParent } from '../helpers/web-login';

// A demo parent with a family at the demo school that no other test uses (child 赵浩然, 三年级).
const PARENT = 6;
const CHILD_NAME = '赵浩然';

let web: WebApp;
let app: TestApp;
let http: { url: string; close(): Promise<void> };
let counsellorBrowser: Browser;
let parentBrowser: Browser;

beforeAll(async () => {
  web = await startWebApp(2);
  ({ app, http } = web);
  [counsellorBrowser, parentBrowser] = web.browsers;
}, 60_000);

afterAll(() => web?.close());

it('a parent consents, answers with a critical sign and sees URGENT with hotlines; the counsellor acknowledges the referral', async () => {
  const errors: string[] = [];
  const parent = parentBrowser.page;
  const counsellor = counsellorBrowser.page;
  parent.on('pageerror', (e) => errors.push(`parent: ${e.message}`));
  counsellor.on('pageerror', (e) => errors.push(`counsellor: ${e.message}`));

  const guardian = await app.db.guardian.findFirstOrThrow({
    where: { user: { openid: `openid-demo-parent-${PARENT}` } },
    select: { familyId: true, userId: true },
  });
  const counsellorUser = await app.db.user.findFirstOrThrow({
    where: { username: 'counsel.demo' },
    select: { id: true },
  });
  // Start clean: this family's earlier responses (a re-run on the same database) are not ours to count.
  await app.db.checklistResponse.deleteMany({ where: { familyId: guardian.familyId } });
  const startedAt = new Date();

  // ── The parent signs in and opens 心理预警清单.
  await parent.goto(`${http.url}/pages/login/index?demoParent=${PARENT}`);
  await signInAsDemoParent(parent);
  await parent.locator('.entry-card').filter({ hasText: '心理预警清单' }).click();

  // The separate consent comes first, in full; nothing can be answered before 同意.
  const list = parent.locator('.checklist-parent');
  await list.getByText('敏感个人信息单独同意（心理预警清单）', { exact: true }).waitFor();
  const consentText = await app.db.consentText.findFirstOrThrow({
    where: { scope: 'sensitive:checklist', inForce: true },
    select: { text: true, textVersion: true },
  });
  expect(await list.locator('.cl-consent__text').innerText()).toContain(consentText.text.split('\n')[0].trim());
  expect(await list.getByText('开始填写', { exact: true }).count()).toBe(0);
  await settledScreenshot(parent, 'web-checklist-consent');
  await list.getByText('同意', { exact: true }).click();
  await list.getByText('开始填写', { exact: true }).waitFor();
  const consent = await app.db.consent.findFirstOrThrow({
    where: { userId: guardian.userId, scope: 'sensitive:checklist', withdrawnAt: null },
    select: { textVersion: true, grantedAt: true },
  });
  expect(consent.textVersion).toBe(consentText.textVersion);

  // The only child is preselected; choose the crisis warning-sign list.
  await list.locator('.choice-chips__chip').filter({ hasText: CHILD_NAME }).waitFor();
  await list.locator('.cl-choice').filter({ hasText: CRISIS_SIGNS.title }).click();
  await list.getByText('开始填写', { exact: true }).click();

  // ── One item per screen: the first (talk of death or suicide, a critical sign) 有时, every other 从不.
  const answer = parent.locator('.checklist-answer');
  await answer.getByText('开始填写', { exact: true }).click();
  const total = CRISIS_SIGNS.items.length;
  for (let i = 0; i < total; i += 1) {
    await answer.getByText(`第 ${i + 1} 题 / 共 ${total} 题`, { exact: true }).waitFor();
    await answer.locator('.cl-item__text').getByText(CRISIS_SIGNS.items[i].text, { exact: true }).waitFor();
    await answer
      .locator('.cl-option')
      .filter({ hasText: i === 0 ? '有时' : '从不' })
      .click();
    if (i === 0) await settledScreenshot(parent, 'web-checklist-item');
    await answer.getByText(i === total - 1 ? '下一步' : '下一题', { exact: true }).click();
  }

  // ── The sharing choice, explained, then 提交.
  await answer.getByText('与学校心理健康教师共享结果', { exact: true }).waitFor();
  await answer.getByText('分享给学校心理健康教师', { exact: true }).click();
  await settledScreenshot(parent, 'web-checklist-share');
  await answer.getByText('提交清单', { exact: true }).click();

  // ── The result: 紧急, the advice, "screening aid, not a diagnosis", tap-to-call hotlines first.
  const result = parent.locator('.checklist-result');
  await result.locator('.cl-tier__label').getByText('紧急：请立即求助', { exact: true }).waitFor();
  const resultText = await result.innerText();
  expect(resultText).toContain('紧急');
  expect(resultText).toContain('筛查参考');
  expect(resultText).toContain('不是诊断');
  expect(resultText).toContain('12356 心理援助热线');
  expect(resultText).toContain('12355 青少年服务台');
  expect(resultText).toContain(CHILD_NAME);
  for (const number of ['120', '110', '12356', '12355']) {
    expect(await result.locator(`a.hotline[href="tel:${number}"]`).count()).toBe(1);
  }
  // URGENT: the call buttons come before the advice.
  const order = await result.evaluate((el) => {
    const hotlines = el.querySelector('.cl-hotlines-card');
    const advice = el.querySelector('.cl-advice');
    return hotlines && advice ? hotlines.compareDocumentPosition(advice) & Node.DOCUMENT_POSITION_FOLLOWING : 0;
  });
  expect(order).toBeTruthy();
  expect(await result.locator('.cl-tier--danger').count()).toBe(1);
  await settledScreenshot(parent, 'web-checklist-urgent');

  // ── The database: URGENT, answers encrypted (no plaintext), a referral to the demo school.
  const response = await app.db.checklistResponse.findFirstOrThrow({
    where: { familyId: guardian.familyId, createdAt: { gte: startedAt } },
    select: {
      id: true,
      tier: true,
      answersEnc: true,
      sharedWithSchool: true,
      checklist: { select: { code: true } },
      child: { select: { name: true } },
    },
  });
  expect(response).toMatchObject({
    tier: 'URGENT',
    sharedWithSchool: true,
    checklist: { code: 'crisis-signs' },
    child: { name: CHILD_NAME },
  });
  for (const plain of ['c01', 'c02', 'answers', '有时', '从不', CHILD_NAME, CRISIS_SIGNS.items[0].text]) {
    expect(response.answersEnc).not.toContain(plain);
  }
  expect(() => JSON.parse(response.answersEnc)).toThrow();
  const referral = await app.db.referral.findUniqueOrThrow({
    where: { responseId: response.id },
    select: { id: true, status: true, tier: true, school: { select: { name: true } } },
  });
  expect(referral).toMatchObject({ status: 'OPEN', tier: 'URGENT', school: { name: DEMO_SCHOOL_NAME } });

  // ── The counsellor signs in on the web and opens the 转介信箱.
  await counsellor.goto(`${http.url}/`);
  await signInAsStaff(counsellor, 'counsel.demo', 'demo12345');
  await counsellor.locator('.entry-card').filter({ hasText: '转介信箱' }).click();
  const inbox = counsellor.locator('.referral-inbox');
  const card = inbox.locator(`.referral-card[data-referral-id="${referral.id}"]`);
  await card.waitFor();
  const cardText = await card.innerText();
  expect(cardText).toContain('紧急');
  expect(cardText).toContain('待接收');
  expect(cardText).toContain('三年级');
  // The inbox shows no name: the child is named on the detail page only (each read audited).
  expect(cardText).not.toContain(CHILD_NAME);
  await settledScreenshot(counsellor, 'web-referral-inbox');
  await card.click();

  // ── The detail: tier, child, the answers; 确认接收.
  const detail = counsellor.locator('.referral-detail');
  await detail.locator('.cl-tier__label').getByText('紧急：请立即求助', { exact: true }).waitFor();
  const detailText = await detail.innerText();
  expect(detailText).toContain(CHILD_NAME);
  expect(detailText).toContain(`演示家长${PARENT}`);
  const critical = detail.locator('.cl-answer--critical');
  expect(await critical.count()).toBe(1);
  expect(await critical.innerText()).toContain('有时');
  const readsBeforeAck = await app.db.auditLog.count({
    where: {
      action: 'checklist.read',
      targetType: 'ChecklistResponse',
      targetId: response.id,
      actorUserId: counsellorUser.id,
    },
  });
  expect(readsBeforeAck).toBeGreaterThanOrEqual(1);
  await detail.getByText('确认接收', { exact: true }).click();
  await detail.getByText('确认接收：', { exact: false }).first().waitFor();
  await detail.locator('.cl-tier__caption').getByText('转介 · 已接收', { exact: true }).waitFor();
  expect(await detail.getByText('确认接收', { exact: true }).count()).toBe(0);

  // A follow-up: 已联系上家长 (an attempt that did not get through is its own kind).
  await detail.locator('.cl-add-action .choice-chips__chip').filter({ hasText: '已联系上家长' }).click();
  await counsellor
    .locator('input[placeholder="跟进情况（加密保存，家长看不到）"]')
    .fill('已电话联系家长，约定明天面谈');
  await detail.getByText('保存跟进记录', { exact: true }).click();
  await detail.locator('.cl-log__item').filter({ hasText: '已联系上家长' }).waitFor();
  await settledScreenshot(counsellor, 'web-referral-detail');

  const acknowledged = await app.db.referral.findUniqueOrThrow({
    where: { id: referral.id },
    select: {
      status: true,
      acknowledgedAt: true,
      acknowledgedById: true,
      actions: { select: { action: true, noteEnc: true } },
    },
  });
  expect(acknowledged.status).toBe('ACKNOWLEDGED');
  expect(acknowledged.acknowledgedById).toBe(counsellorUser.id);
  expect(acknowledged.acknowledgedAt).not.toBeNull();
  expect(acknowledged.actions).toHaveLength(1);
  expect(acknowledged.actions[0].action).toBe('CONTACTED_FAMILY');
  expect(acknowledged.actions[0].noteEnc).not.toContain('面谈');

  // ── Back on 心理预警清单, the parent's history shows what the school did; viewing it again is a read.
  await result.getByText('返回心理预警清单', { exact: true }).click();
  const item = list.locator('.cl-history__item').filter({ hasText: CRISIS_SIGNS.title });
  // Told the school reached them because the counsellor logged 已联系上, not because anything was logged.
  await item.getByText('学校跟进：学校已联系上您，后续请与学校心理健康教师保持联系', { exact: true }).waitFor();
  expect(await item.innerText()).toContain('· 学校已联系上您（');
  await item.getByText('查看结果', { exact: true }).click();
  const stored = parent.locator('.checklist-result').last();
  await stored.locator('.cl-answers').waitFor();
  expect(await stored.locator('.cl-answer--critical').innerText()).toContain('有时');
  expect(await stored.locator('a.hotline[href="tel:12356"]').count()).toBe(1);

  // Every read of the response left an audit row: the counsellor's detail and the parent's view.
  const reads = await app.db.auditLog.findMany({
    where: { action: 'checklist.read', targetType: 'ChecklistResponse', targetId: response.id },
    select: { actorUserId: true, detail: true },
  });
  expect(
    reads.some((r) => r.actorUserId === counsellorUser.id && (r.detail as { by?: string }).by === 'counselor'),
  ).toBe(true);
  expect(reads.some((r) => r.actorUserId === guardian.userId && (r.detail as { by?: string }).by === 'parent')).toBe(
    true,
  );
  expect(
    await app.db.auditLog.count({
      where: { action: 'referral.acknowledge', targetId: referral.id, actorUserId: counsellorUser.id },
    }),
  ).toBe(1);
  expect(
    await app.db.auditLog.count({ where: { action: 'consent.grant', actorUserId: guardian.userId } }),
  ).toBeGreaterThanOrEqual(1);

  // ── Consent management: the parent withdraws the consent, which deletes the saved responses (and the referral).
  await stored.getByText('返回心理预警清单', { exact: true }).click();
  await list.getByText('撤回同意并删除已保存的答卷', { exact: true }).click();
  await parent.locator('.taro-modal__foot').getByText('确认撤回', { exact: true }).click();
  await list.getByText('敏感个人信息单独同意（心理预警清单）', { exact: true }).waitFor();
  await list.getByText('还没有填写记录。', { exact: true }).waitFor();
  expect(await list.getByText('开始填写', { exact: true }).count()).toBe(0);
  expect(await app.db.checklistResponse.count({ where: { familyId: guardian.familyId } })).toBe(0);
  // The counsellor's own notes stay on the referral; the answers and the link to them are gone.
  expect(await app.db.referral.findUniqueOrThrow({ where: { id: referral.id }, select: { responseId: true } })).toEqual(
    { responseId: null },
  );
  expect(
    await app.db.consent.count({ where: { userId: guardian.userId, scope: 'sensitive:checklist', withdrawnAt: null } }),
  ).toBe(0);
  await settledScreenshot(parent, 'web-checklist-withdrawn');

  expect(errors).toEqual([]);
}, 180_000);

it('a province admin saves a new checklist as a draft version, publishes it, and edits it into version 2', async () => {
  const errors: string[] = [];
  // The counsellor's browser is done: sign it out and in again as the province admin.
  const admin = counsellorBrowser.page;
  admin.on('pageerror', (e) => errors.push(`admin: ${e.message}`));
  await admin.evaluate(() => window.localStorage.clear());
  await admin.goto(`${http.url}/`);
  await signInAsStaff(admin, 'admin', 'demo12345');
  await admin.locator('.entry-card').filter({ hasText: '清单管理' }).click();

  const editor = admin.locator('.checklist-editor');
  // The seeded checklists are listed with their published version.
  await editor
    .locator('.cl-editor-group')
    .filter({ hasText: CRISIS_SIGNS.title })
    .getByText('现行版本', { exact: true })
    .waitFor();

  // A new checklist (its own code, for parents of university students, so no other test's list changes shape).
  const code = `e2e-${Date.now().toString(36)}`;
  const title = `大学生家长 e2e 清单 ${code}`;
  await editor.getByText('新建清单', { exact: true }).click();
  await admin.locator('input[placeholder="请输入清单代码"]').fill(code);
  await admin.locator('input[placeholder="请输入清单名称"]').fill(title);
  await editor.locator('.choice-chips__chip').filter({ hasText: '大学生家长' }).click();
  await admin
    .locator('textarea[placeholder="请输入填写说明（注明仅供筛查参考、不是诊断）"]')
    .fill('请根据最近一个月的情况作答。结果只是筛查参考，不是诊断。');
  await admin.locator('textarea[placeholder="题目内容"]').fill('说起想要结束生命');
  await editor.locator('.cl-editor-item .choice-chips__chip').filter({ hasText: '危险信号（出现即紧急）' }).click();
  await editor.getByText('保存为新版本草稿', { exact: true }).click();
  const group = editor.locator('.cl-editor-group').filter({ hasText: title });
  await group.getByText('未发布', { exact: true }).waitFor();
  const v1 = await app.db.checklist.findFirstOrThrow({
    where: { code },
    select: { id: true, version: true, published: true, stage: true, items: true },
  });
  expect(v1).toMatchObject({
    version: 1,
    published: false,
    stage: 'UNIVERSITY',
    items: [{ id: 'q01', text: '说起想要结束生命', critical: true }],
  });

  // Publish version 1.
  await group.getByText('发布此版', { exact: true }).click();
  await admin.locator('.taro-modal__foot').getByText('发布', { exact: true }).click();
  await group.getByText('现行版本', { exact: true }).waitFor();
  expect(
    (await app.db.checklist.findUniqueOrThrow({ where: { id: v1.id }, select: { published: true } })).published,
  ).toBe(true);

  // Edit it into version 2: a draft; version 1 stays the published one.
  await group.getByText('基于此版编辑', { exact: true }).click();
  await admin.locator('input[placeholder="请输入清单名称"]').fill(`${title}（修订）`);
  await editor.getByText('保存为新版本草稿', { exact: true }).click();
  await editor.locator('.cl-editor-version[data-version="2"]').getByText('未发布', { exact: true }).waitFor();
  const versions = await app.db.checklist.findMany({
    where: { code },
    orderBy: { version: 'asc' },
    select: { version: true, published: true, title: true },
  });
  expect(versions).toEqual([
    { version: 1, published: true, title },
    { version: 2, published: false, title: `${title}（修订）` },
  ]);
  await settledScreenshot(admin, 'web-checklist-editor');

  expect(errors).toEqual([]);
}, 120_000);
