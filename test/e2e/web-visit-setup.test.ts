/**
 * Home-visit setup (issue 16 part 5) end to end in real Chromium against the real server (demo mode):
 * - the demo school's coordinator opens 分配老师 in a window of their own, ticks 全选 for one class and assigns
 *   its families to the counsellor in one go, then ticks two families by hand and assigns them to the class
 *   teacher;
 * - the class teacher (teacher.demo) opens a completed visit record of theirs from 我的家访 and corrects it; the
 *   page says 已修改 1 次, the earlier version is kept encrypted, and once the time to correct it is over the
 *   button is gone.
 * Each test opens its own window with a unique title; the record is of demo parent 12's family (no other file
 * uses parent 12).
 */
import type { TestApp } from '../helpers/test-app';
import { findDemoSchoolId, demoParentOpenid } from '../../prisma/seed/demo-ids';
import { startWebApp, type WebApp } from '../helpers/web-app';
import { settledScreenshot, type Browser } from '../helpers/browser';
import { signInAsStaff } from '../helpers/web-login';
import { chinaDay } from '../../server/shared/china-time';
import { ctxOf } from '../../server/services/visits/records';

const PARENT = 12;
const DAY = 86_400_000;

let web: WebApp;
let app: TestApp;
let http: { url: string; close(): Promise<void> };
let coordBrowser: Browser;
let teacherBrowser: Browser;
let schoolId: string;

beforeAll(async () => {
  web = await startWebApp(2);
  ({ app, http } = web);
  [coordBrowser, teacherBrowser] = web.browsers;
  schoolId = (await findDemoSchoolId(app.db))!;
}, 60_000);

afterAll(() => web?.close());

const staff = (username: string) =>
  app.db.user.findUniqueOrThrow({ where: { username }, select: { id: true, displayName: true } });

/** A window of this test's own at the demo school, opened by the coordinator through visits.createWindow. */
async function ownWindow(coordId: string, title: string) {
  const coord = await app.as(coordId);
  return (
    await app.caller(coord).visits.createWindow({
      orgUnitId: schoolId,
      season: 'TERM',
      startsOn: chinaDay(new Date()),
      endsOn: chinaDay(new Date(Date.now() + 30 * DAY)),
      title,
    })
  ).id;
}

it('the coordinator assigns a whole class, then two ticked families, to a teacher in one go each', async () => {
  const errors: string[] = [];
  const page = coordBrowser.page;
  page.on('pageerror', (e) => errors.push(e.message));
  const coord = await staff('coord.demo');
  const counselor = await staff('counsel.demo');
  const teacher = await staff('teacher.demo');
  const title = `批量分配 ${Date.now().toString(36)}`;
  const windowId = await ownWindow(coord.id, title);

  await page.goto(`${http.url}/`);
  await signInAsStaff(page, 'coord.demo', 'demo12345');
  await page.getByText('家访安排与进度', { exact: true }).click();
  const view = page.locator('.visits-coordinator-page');
  // The page opens on 家访时段 (the window form); the families are under 分配老师.
  await view.locator('.create-window-form').waitFor();
  expect(await view.locator('.window-families').count()).toBe(0);
  await view.locator('.choice-chips__chip').filter({ hasText: title }).click();
  await view.locator('.step-tabs__tab[data-step="ASSIGN"]').click();
  const list = view.locator('.window-families');
  await list.locator('.visit-family').first().waitFor();
  expect(await view.locator('.create-window-form').count()).toBe(0);

  // 全选 one class: the first class tick ("全选 三年级（1）班（N 户）"), held by its name (its text gains a ✓).
  const label = (await list
    .locator('.bulk-assign--select .tick')
    .filter({ hasText: /全选 \S/ })
    .first()
    .getAttribute('aria-label'))!;
  const m = /^全选 (.+)（(\d+) 户）$/.exec(label);
  expect(m).not.toBeNull();
  const [, className, n] = m!;
  const count = Number(n);
  expect(count).toBeGreaterThan(0);
  const classTick = list.locator(`.bulk-assign--select .tick[aria-label="${label}"]`);
  await classTick.click();
  await list.locator(`.bulk-assign--select .tick[aria-label="${label}"][aria-checked="true"]`).waitFor();
  const form = list.locator('.bulk-assign-form');
  await form.getByText(`已选 ${count} 户。分配给：`, { exact: true }).waitFor();
  // No teacher picked: refused before any request, in words.
  await form.getByText(`分配所选 ${count} 户`, { exact: true }).click();
  await form.getByText('请选择家访教师', { exact: true }).waitFor();
  await form.locator('.choice-chips__chip').filter({ hasText: counselor.displayName }).click();
  await settledScreenshot(page, 'web-visit-setup-bulk');
  await form.getByText(`分配所选 ${count} 户`, { exact: true }).click();
  await list.getByText(`已将 ${count} 户家庭分配给 ${counselor.displayName}`, { exact: true }).waitFor();

  // In the database: exactly that many families of the window, assigned by hand by the coordinator; every family
  // whose children at the school are all in that class is among them, and none without a child there.
  const byHand = await app.db.visitAssignment.findMany({
    where: { windowId, teacherId: counselor.id, assignedById: coord.id },
    select: { familyId: true },
  });
  expect(byHand).toHaveLength(count);
  const inClass = await app.db.child.findMany({
    where: { schoolId, className },
    select: { familyId: true, family: { select: { children: { where: { schoolId }, select: { className: true } } } } },
  });
  const withChild = new Set(inClass.map((c) => c.familyId));
  const onlyThere = inClass.filter((c) => c.family.children.every((k) => k.className === className));
  for (const f of byHand) expect(withChild.has(f.familyId)).toBe(true);
  for (const c of onlyThere) expect(byHand.map((f) => f.familyId)).toContain(c.familyId);
  expect(
    await app.db.auditLog.count({ where: { action: 'visit.assignBulk', targetId: windowId, actorUserId: coord.id } }),
  ).toBe(1);
  // The class's families now show the counsellor.
  const first = byHand[0].familyId;
  await list
    .locator(`.visit-family[data-family-id="${first}"]`)
    .getByText(`家访教师：${counselor.displayName}`, { exact: true })
    .waitFor();

  // Two families ticked one by one (the last two of the list) → the class teacher.
  await list.locator('.visit-family').nth(1).waitFor();
  const rows = list.locator('.visit-family');
  const total = await rows.count();
  const picked = [
    (await rows.nth(total - 1).getAttribute('data-family-id'))!,
    (await rows.nth(total - 2).getAttribute('data-family-id'))!,
  ];
  for (const id of picked) await list.locator(`.visit-family[data-family-id="${id}"] .tick`).click();
  await form.getByText('已选 2 户。分配给：', { exact: true }).waitFor();
  await form.locator('.choice-chips__chip').filter({ hasText: teacher.displayName }).click();
  await form.getByText('分配所选 2 户', { exact: true }).click();
  await list.getByText(`已将 2 户家庭分配给 ${teacher.displayName}`, { exact: true }).waitFor();
  for (const id of picked) {
    expect(
      await app.db.visitAssignment.findUniqueOrThrow({
        where: { windowId_familyId: { windowId, familyId: id } },
        select: { teacherId: true, assignedById: true },
      }),
    ).toEqual({ teacherId: teacher.id, assignedById: coord.id });
    await list
      .locator(`.visit-family[data-family-id="${id}"]`)
      .getByText(`家访教师：${teacher.displayName}`, { exact: true })
      .waitFor();
  }
  // Nothing ticked any more: no assignment form.
  expect(await list.locator('.bulk-assign-form').count()).toBe(0);
  expect(errors).toEqual([]);
}, 120_000);

/** Demo parent 12's family at the demo school (made here the first time: parent 12 has none in the seed). */
async function parentFamily(): Promise<string> {
  const user = await app.db.user.findUniqueOrThrow({
    where: { openid: demoParentOpenid(PARENT) },
    select: { id: true },
  });
  const existing = await app.db.guardian.findFirst({ where: { userId: user.id }, select: { familyId: true } });
  if (existing) return existing.familyId;
  const family = await app.db.family.create({ data: { orgUnitId: schoolId }, select: { id: true } });
  await app.db.guardian.create({ data: { familyId: family.id, userId: user.id, relation: 'FATHER' } });
  await app.db.child.create({
    data: { familyId: family.id, name: '演示孩子十二', schoolId, grade: 'G2', className: '二年级（1）班' },
  });
  return family.id;
}

it('the teacher corrects a completed record from 我的家访; the earlier version is kept; after the time, no more', async () => {
  const errors: string[] = [];
  const page = teacherBrowser.page;
  page.on('pageerror', (e) => errors.push(e.message));
  const coord = await staff('coord.demo');
  const teacher = await staff('teacher.demo');
  const stamp = Date.now().toString(36);
  const title = `记录修改 ${stamp}`;
  const windowId = await ownWindow(coord.id, title);
  const familyId = await parentFamily();
  // A phone visit that took place an hour ago, booked and then recorded by the teacher.
  const startsAt = new Date(Date.now() - 90 * 60_000);
  const slot = await app.db.visitSlot.create({
    data: {
      windowId,
      teacherId: teacher.id,
      startsAt,
      endsAt: new Date(startsAt.getTime() + 30 * 60_000),
      mode: 'PHONE',
    },
    select: { id: true },
  });
  const { id: visitId } = await app.db.visit.create({
    data: { windowId, slotId: slot.id, familyId, teacherId: teacher.id, mode: 'PHONE', bookedById: teacher.id },
    select: { id: true },
  });
  const original = `孩子作息规律。${stamp}`;
  const corrected = `孩子作息规律，但睡前常玩手机，已建议家长约定使用时间。${stamp}`;
  await app.caller(await app.as(teacher.id)).visits.complete({ visitId, summary: original, topics: ['ROUTINE'] });

  await page.goto(`${http.url}/`);
  await signInAsStaff(page, 'teacher.demo', 'demo12345');
  await page.getByText('我的家访', { exact: true }).click();
  const teacherPage = page.locator('.visits-teacher-page');
  await teacherPage.locator('.choice-chips__chip').filter({ hasText: title }).click();
  const row = teacherPage.locator(`.visit-calendar .visit-slot[data-slot-id="${slot.id}"]`);
  await row.getByText('已完成', { exact: true }).waitFor();
  await row.getByText('查看家访记录', { exact: true }).click();

  const recordPage = page.locator('.visits-record-page');
  const record = recordPage.locator('.visit-record');
  await record.getByText(original, { exact: true }).waitFor();
  expect(await record.locator('.visit-record__edits').count()).toBe(0);
  await record.getByText('修改记录', { exact: true }).click();
  const edit = recordPage.locator('.visit-record-edit');
  const summary = edit.locator('textarea[placeholder="家访小结：孩子近况、家长关切、给出的建议"]');
  // The form opens with the record as it is.
  expect(await summary.inputValue()).toBe(original);
  // Emptied: refused in words, nothing sent.
  await summary.fill('');
  await edit.getByText('保存修改', { exact: true }).click();
  await edit.getByText('请填写家访小结', { exact: true }).waitFor();
  await summary.fill(corrected);
  await edit.getByText('情绪', { exact: true }).click();
  await settledScreenshot(page, 'web-visit-setup-edit-record');
  await edit.getByText('保存修改', { exact: true }).click();

  await record.getByText(corrected, { exact: true }).waitFor();
  await record
    .locator('.visit-record__edits')
    .getByText(/^已修改 1 次，最近 /)
    .waitFor();
  expect(await record.innerText()).toContain('作息、情绪');

  // In the database: the new record, and the earlier one kept, both encrypted.
  const row2 = await app.db.visit.findUniqueOrThrow({
    where: { id: visitId },
    select: { summaryEnc: true, topics: true },
  });
  expect(row2.topics).toEqual(['ROUTINE', 'EMOTION']);
  expect(row2.summaryEnc).not.toContain(stamp);
  const revisions = await app.db.visitRecordRevision.findMany({
    where: { visitId },
    select: { summaryEnc: true, topics: true, editedById: true },
  });
  expect(revisions).toHaveLength(1);
  expect(revisions[0]).toMatchObject({ topics: ['ROUTINE'], editedById: teacher.id });
  expect(revisions[0].summaryEnc).not.toContain(stamp);
  expect(app.deps.cipher.decrypt(revisions[0].summaryEnc!, ctxOf(visitId, 'summary'))).toBe(original);

  // Eight days after completing it, the record can no longer be corrected: the button is gone.
  await app.db.visit.update({ where: { id: visitId }, data: { completedAt: new Date(Date.now() - 8 * DAY) } });
  await page.reload();
  await record.getByText(corrected, { exact: true }).waitFor();
  expect(await record.getByText('修改记录', { exact: true }).count()).toBe(0);
  expect(errors).toEqual([]);
}, 120_000);
