/**
 * Home visits (寒暑假家访) end to end in real Chromium against the real server (demo mode), two browsers
 * side by side: the demo school's class teacher (teacher.demo) publishes 入户家访 slots in bulk in the
 * winter window on a day that has none yet; demo parent 5 (a family at the demo school) books one of them;
 * the teacher opens it from the visit calendar and completes the visit record. The record is encrypted at
 * rest, and the visit counts as one more guidance service in the family's year.
 */
import type { TestApp } from '../helpers/test-app';
import { DEMO_SCHOOL_NAME } from '../../prisma/seed/demo-ids';
import { startWebApp, type WebApp } from '../helpers/web-app';
import { settledScreenshot, type Browser } from '../helpers/browser';
import { chinaYear as serviceYear } from '../../server/shared/china-time';
import { windowProgress } from '../../server/services/visits/progress';
import { signInAsStaff, signInAsDemoParent } from '../helpers/web-login';
import { slotHasBegun } from '../helpers/builders';
import { chinaDay as chinaDayOf } from '../../server/shared/china-time';

// A demo parent with a family at the demo school that no other test uses.
const PARENT = 5;
const DAY = 86_400_000;

let web: WebApp;
let app: TestApp;
let http: { url: string; close(): Promise<void> };
let teacherBrowser: Browser;
let parentBrowser: Browser;

const chinaDay = (t: number) => chinaDayOf(new Date(t));
const at = (day: string, hhmm: string) => new Date(`${day}T${hhmm}:00+08:00`);

beforeAll(async () => {
  web = await startWebApp(2);
  ({ app, http } = web);
  [teacherBrowser, parentBrowser] = web.browsers;
}, 60_000);

afterAll(() => web?.close());

it('a teacher publishes home-visit slots in bulk, a parent books one, and the teacher records the visit', async () => {
  const errors: string[] = [];
  const teacher = teacherBrowser.page;
  const parent = parentBrowser.page;
  teacher.on('pageerror', (e) => errors.push(`teacher: ${e.message}`));
  parent.on('pageerror', (e) => errors.push(`parent: ${e.message}`));

  const teacherUser = await app.db.user.findUniqueOrThrow({
    where: { username: 'teacher.demo' },
    select: { id: true, displayName: true },
  });
  const family = await app.db.guardian.findFirstOrThrow({
    where: { user: { openid: `openid-demo-parent-${PARENT}` } },
    select: { familyId: true, family: { select: { children: { select: { name: true } } } } },
  });
  const childName = family.family.children[0].name;
  const winter = await app.db.visitWindow.findFirstOrThrow({
    where: { season: 'WINTER', orgUnit: { name: DEMO_SCHOOL_NAME } },
    orderBy: { createdAt: 'asc' },
    select: { id: true, title: true, startsOn: true, endsOn: true, travelBufferMinutes: true },
  });
  expect(
    await app.db.visit.count({
      where: { windowId: winter.id, familyId: family.familyId, status: { not: 'CANCELLED' } },
    }),
  ).toBe(0);

  // A day in the winter window on which the teacher has no slot yet (in any window: slots may not overlap).
  let day = '';
  for (let d = 6; d < 60; d += 1) {
    const candidate = chinaDay(Date.now() + d * DAY);
    if (candidate > winter.endsOn.toISOString().slice(0, 10)) break;
    const taken = await app.db.visitSlot.count({
      where: {
        teacherId: teacherUser.id,
        startsAt: { gte: at(candidate, '00:00'), lt: new Date(at(candidate, '00:00').getTime() + DAY) },
      },
    });
    if (taken === 0) {
      day = candidate;
      break;
    }
  }
  expect(day).not.toBe('');

  // ── The teacher signs in and opens 我的家访 in the winter window.
  await teacher.goto(`${http.url}/`);
  await signInAsStaff(teacher, 'teacher.demo', 'demo12345');
  await teacher.getByText('我的家访', { exact: true }).click();
  const teacherPage = teacher.locator('.visits-teacher-page');
  await teacherPage.locator('.choice-chips__chip').filter({ hasText: winter.title }).click();

  // Bulk: one day × two time ranges × 60 minutes, 入户家访 (the window keeps 30 minutes between home visits).
  const form = teacherPage.locator('.bulk-slots-form');
  await form.locator('input[placeholder="家访日期（如 2027-01-20，多天用逗号分隔）"]').fill(day);
  await form.locator('input[placeholder="时间段（如 09:00-11:00，多段用逗号分隔）"]').fill('09:00-11:30, 14:00-15:00');
  await form.locator('input[placeholder="每次家访时长（分钟）"]').fill('60');
  await form.getByText('入户家访', { exact: true }).click();
  await form.getByText(/将生成 3 个时段/).waitFor();
  await settledScreenshot(teacher, 'web-visits-bulk-slots');
  await form.getByText('发布家访时段', { exact: true }).click();
  await form.getByText('已发布 3 个入户家访时段', { exact: true }).waitFor();

  const slots = await app.db.visitSlot.findMany({
    where: {
      teacherId: teacherUser.id,
      windowId: winter.id,
      startsAt: { gte: at(day, '00:00'), lt: new Date(at(day, '00:00').getTime() + DAY) },
    },
    orderBy: { startsAt: 'asc' },
    select: { id: true, startsAt: true, endsAt: true, mode: true },
  });
  expect(slots.map((s) => [s.startsAt.toISOString(), s.endsAt.toISOString(), s.mode])).toEqual([
    [at(day, '09:00').toISOString(), at(day, '10:00').toISOString(), 'HOME'],
    [at(day, '10:30').toISOString(), at(day, '11:30').toISOString(), 'HOME'],
    [at(day, '14:00').toISOString(), at(day, '15:00').toISOString(), 'HOME'],
  ]);
  // The calendar lists them, free.
  const calendarDay = teacherPage.locator(`.visit-calendar .visit-day[data-day="${day}"]`);
  await calendarDay.locator('.visit-slot').nth(2).waitFor();
  expect(await calendarDay.locator('.visit-slot').count()).toBe(3);
  expect(await calendarDay.innerText()).toContain('空闲');
  const chosen = slots[1];

  // ── The parent signs in, opens 预约家访, picks the winter window and books the 10:30 slot.
  await parent.goto(`${http.url}/pages/login/index?demoParent=${PARENT}`);
  await signInAsDemoParent(parent);
  await parent.getByText('预约家访', { exact: true }).click();
  const parentPage = parent.locator('.visits-parent-page');
  await parentPage.locator('.choice-chips__chip').filter({ hasText: winter.title }).click();
  const slotRow = parentPage.locator(`.visit-slot[data-slot-id="${chosen.id}"]`);
  await slotRow.waitFor();
  const slotText = await slotRow.innerText();
  expect(slotText).toContain('10:30–11:30');
  expect(slotText).toContain('入户家访');
  expect(slotText).toContain(teacherUser.displayName);
  await slotRow.getByText('预约', { exact: true }).click();
  // A home visit asks (optionally) for the address, saying why and that it is encrypted.
  const confirmCard = parentPage.locator('.booking-confirm');
  expect(await confirmCard.innerText()).toContain('加密保存');
  await confirmCard.locator('input[placeholder^="如 哈尔滨市"]').fill('哈尔滨市南岗区学府路 12 号 3 单元 501');
  await confirmCard.getByText('确认预约', { exact: true }).click();
  await parentPage
    .locator('.visits__notice')
    .getByText(/^预约成功/)
    .waitFor();
  const myVisit = parentPage.locator('.my-visit');
  await myVisit.getByText('已预约', { exact: true }).waitFor();
  expect(await myVisit.innerText()).toContain(teacherUser.displayName);
  // Booked: the slot is no longer offered.
  expect(await parentPage.locator(`.visit-slot[data-slot-id="${chosen.id}"]`).count()).toBe(0);
  await settledScreenshot(parent, 'web-visits-booked');

  const visit = await app.db.visit.findFirstOrThrow({
    where: { slotId: chosen.id, status: { not: 'CANCELLED' } },
    select: { id: true, familyId: true, status: true, teacherId: true, mode: true },
  });
  expect(visit).toMatchObject({ familyId: family.familyId, status: 'BOOKED', teacherId: teacherUser.id, mode: 'HOME' });

  // ── The teacher refreshes the calendar: the family is there; they open the record form.
  await teacherPage.getByText('刷新日程', { exact: true }).click();
  const bookedRow = teacherPage.locator(`.visit-calendar .visit-slot[data-slot-id="${chosen.id}"]`);
  await bookedRow.getByText(`家长：演示家长${PARENT}`).waitFor();
  expect(await bookedRow.innerText()).toContain(childName);
  expect(await bookedRow.innerText()).toContain('已预约');
  await bookedRow.getByText('填写家访记录', { exact: true }).click();

  const recordPage = teacher.locator('.visits-record-page');
  const recordForm = recordPage.locator('.visit-record-form');
  // Only what happened counts: before the slot begins there is no form to fill, only when it can be.
  await recordPage.getByText(/^家访时段还没有开始/).waitFor();
  expect(await recordForm.count()).toBe(0);
  // Time passes: the slot began half an hour ago.
  const year = serviceYear(await slotHasBegun(app.db, visit.id));
  const servicesBefore =
    (await app.db.familyServiceYear.findUnique({ where: { familyId_year: { familyId: family.familyId, year } } }))
      ?.services ?? 0;
  await teacher.reload();
  await recordForm.waitFor();
  expect(await recordPage.innerText()).toContain(`演示家长${PARENT}`);
  // An empty summary is refused with the shared schema's words.
  await recordForm.getByText('提交家访记录', { exact: true }).click();
  await recordForm.getByText('请填写家访小结', { exact: true }).waitFor();

  const stamp = Date.now().toString(36);
  const summary = `孩子寒假作息规律，与父母沟通良好；家长关注期末后的学业压力。${stamp}`;
  const notes = `母亲提到孩子近期睡前玩手机较多，情绪偶有波动，已建议约定使用时间。${stamp}`;
  const address = `哈尔滨市南岗区学府路 ${stamp} 号`;
  const followUpAction = `两周后电话回访孩子作息情况 ${stamp}`;
  const dueOn = chinaDay(Date.now() + 20 * DAY);
  await recordForm.getByText('作息', { exact: true }).click();
  await recordForm.getByText('情绪', { exact: true }).click();
  await recordForm.getByText('亲子沟通', { exact: true }).click();
  await recordForm.getByText('学业或就业压力', { exact: true }).click();
  await recordForm.locator('textarea[placeholder="家访小结：孩子近况、家长关切、给出的建议"]').fill(summary);
  await recordForm.locator('textarea[placeholder="详细记录（仅负责教师与心理健康教师可见）"]').fill(notes);
  await recordForm.locator('input[placeholder="家庭住址（加密保存）"]').fill(address);
  await recordForm.getByText('添加跟进事项', { exact: true }).click();
  await recordForm.locator('input[placeholder="跟进事项 1"]').fill(followUpAction);
  await recordForm.locator('input[placeholder="完成期限 1（如 2027-01-30）"]').fill(dueOn);
  await settledScreenshot(teacher, 'web-visits-record-form');
  await recordForm.getByText('提交家访记录', { exact: true }).click();

  // After completion the page shows the record, read back (decrypted) through visits.record.
  const record = recordPage.locator('.visit-record');
  await record.getByText(summary, { exact: true }).waitFor();
  const recordText = await record.innerText();
  expect(recordText).toContain(notes);
  expect(recordText).toContain(address);
  expect(recordText).toContain('作息、情绪、亲子沟通');
  expect(recordText).toContain('学业或就业压力');
  expect(recordText).toContain(followUpAction);
  expect(await recordPage.locator('.visit-card').first().innerText()).toContain('已完成');
  await settledScreenshot(teacher, 'web-visits-record');

  // ── In the database: completed, encrypted at rest, counted for the family's year.
  const row = await app.db.visit.findUniqueOrThrow({
    where: { id: visit.id },
    select: {
      status: true,
      completedAt: true,
      topics: true,
      concerns: true,
      summaryEnc: true,
      notesEnc: true,
      addressEnc: true,
      followUps: { select: { action: true, dueOn: true, doneAt: true } },
    },
  });
  expect(row.status).toBe('COMPLETED');
  expect(row.completedAt).not.toBeNull();
  expect(row.topics).toEqual(['ROUTINE', 'EMOTION', 'COMMUNICATION']);
  expect(row.concerns).toEqual(['ACADEMIC_PRESSURE']);
  expect(row.notesEnc).toBeTruthy();
  expect(row.notesEnc).not.toContain(notes);
  expect(row.notesEnc).not.toContain(stamp);
  expect(row.addressEnc).toBeTruthy();
  expect(row.addressEnc).not.toContain(stamp);
  expect(row.summaryEnc).not.toContain(stamp);
  expect(row.followUps).toEqual([{ action: followUpAction, dueOn: new Date(`${dueOn}T00:00:00Z`), doneAt: null }]);
  // The raw row, as PostgreSQL stores it, holds no plaintext either.
  const raw = await app.db.$queryRaw<
    { text: string }[]
  >`SELECT row_to_json(v)::text AS text FROM "Visit" v WHERE v.id = ${visit.id}`;
  expect(raw[0].text).not.toContain(stamp);
  const servicesAfter = (
    await app.db.familyServiceYear.findUniqueOrThrow({ where: { familyId_year: { familyId: family.familyId, year } } })
  ).services;
  expect(servicesAfter).toBe(servicesBefore + 1);

  // ── Back on 我的家访: the visit is done and the follow-up is on the teacher's list until completed.
  await teacher.goBack();
  await teacherPage
    .locator(`.visit-calendar .visit-slot[data-slot-id="${chosen.id}"]`)
    .getByText('已完成', { exact: true })
    .waitFor();
  const followUp = teacherPage.locator('.follow-ups .visit-follow-up').filter({ hasText: followUpAction });
  await followUp.waitFor();
  await followUp.getByText('完成', { exact: true }).click();
  await followUp.waitFor({ state: 'detached' });
  expect(
    (await app.db.visitFollowUp.findFirstOrThrow({ where: { visitId: visit.id }, select: { doneAt: true } })).doneAt,
  ).not.toBeNull();

  // ── The parent sees the visit completed.
  await parent.reload();
  await parent.locator('.visits-parent-page .choice-chips__chip').filter({ hasText: winter.title }).click();
  await parent.locator('.visits-parent-page .my-visit').getByText('已完成', { exact: true }).waitFor();

  // ── 我负责的家庭: the teacher flags one of their families as 重点关注 (家庭经济困难).
  const mine = await app.db.visitAssignment.findFirstOrThrow({
    where: { windowId: winter.id, teacherId: teacherUser.id, family: { priorityFlags: { none: { clearedAt: null } } } },
    orderBy: { familyId: 'asc' },
    select: { familyId: true },
  });
  const familyRow = teacherPage.locator(`.my-families .visit-family[data-family-id="${mine.familyId}"]`);
  await familyRow.getByText('标记重点关注', { exact: true }).click();
  await familyRow.locator('.flag-priority-form').getByText('家庭经济困难', { exact: true }).click();
  await familyRow.getByText('确认标记', { exact: true }).click();
  await familyRow.getByText('重点关注：家庭经济困难', { exact: true }).waitFor();
  expect(
    await app.db.priorityFlag.findMany({
      where: { familyId: mine.familyId, clearedAt: null },
      select: { reason: true, flaggedById: true },
    }),
  ).toEqual([{ reason: 'ECONOMIC_HARDSHIP', flaggedById: teacherUser.id }]);
  // 代为预约 is offered to families not booked yet, with the words for the phone call.
  const unbooked = await app.db.family.findFirst({
    where: {
      assignments: { some: { windowId: winter.id, teacherId: teacherUser.id } },
      visits: { none: { windowId: winter.id, status: { not: 'CANCELLED' } } },
    },
    select: { id: true },
  });
  if (unbooked) {
    const row = teacherPage.locator(`.my-families .visit-family[data-family-id="${unbooked.id}"]`);
    await row.getByText('代为预约', { exact: true }).click();
    await row.getByText(/^电话沟通后代家长预约/).waitFor();
    await row.getByText('取消', { exact: true }).click();
  }

  expect(errors).toEqual([]);
}, 180_000);

it("the coordinator follows the winter window's progress per class (and the window form checks its input)", async () => {
  const errors: string[] = [];
  const coord = teacherBrowser.page;
  coord.on('pageerror', (e) => errors.push(`coordinator: ${e.message}`));
  const winter = await app.db.visitWindow.findFirstOrThrow({
    where: { season: 'WINTER', orgUnit: { name: DEMO_SCHOOL_NAME } },
    orderBy: { createdAt: 'asc' },
    select: { id: true, title: true },
  });
  const progress = await windowProgress({ db: app.db, input: { windowId: winter.id } });

  // A fresh sign-in as the demo school's coordinator (the teacher's browser, signed out).
  await coord.evaluate(() => window.localStorage.clear());
  await coord.goto(`${http.url}/`);
  await signInAsStaff(coord, 'coord.demo', 'demo12345');
  await coord.getByText('家访安排与进度', { exact: true }).click();
  const page = coord.locator('.visits-coordinator-page');

  // The window form refuses what the shared schema refuses, before any request.
  const form = page.locator('.create-window-form');
  await form.getByText('开设家访', { exact: true }).click();
  await form.getByText('请选择家访类型', { exact: true }).waitFor();
  await form.getByText('寒假家访', { exact: true }).click();
  await form.locator('input[placeholder="开始日期（如 2027-01-15）"]').fill('2027-02-20');
  await form.locator('input[placeholder="结束日期（如 2027-02-20）"]').fill('2027-01-15');
  await form.getByText('开设家访', { exact: true }).click();
  await form.getByText('结束日期不能早于开始日期', { exact: true }).waitFor();

  // Progress of the winter window (step 进度): the school's total and each class.
  await page.locator('.choice-chips__chip').filter({ hasText: winter.title }).click();
  await page.locator('.step-tabs__tab[data-step="PROGRESS"]').click();
  const view = page.locator('.visit-progress');
  await view.getByText(`已家访 ${progress.total.visited} / ${progress.total.families} 户`, { exact: true }).waitFor();
  expect(progress.total.visited).toBeGreaterThanOrEqual(1);
  const cls = progress.classes.find((c) => c.visited > 0)!;
  const row = view
    .locator('.visit-progress__row')
    .filter({ hasText: cls.className ?? '' })
    .first();
  expect(await row.innerText()).toContain(`已访 ${cls.visited} / ${cls.families}`);
  await settledScreenshot(coord, 'web-visits-progress');

  // The family the teacher flagged shows in 重点关注家庭 with its children and class (not a short id).
  const teacherId = (await app.db.user.findUniqueOrThrow({ where: { username: 'teacher.demo' }, select: { id: true } }))
    .id;
  const flagged = await app.db.priorityFlag.findFirstOrThrow({
    where: { reason: 'ECONOMIC_HARDSHIP', flaggedById: teacherId, clearedAt: null },
    select: { familyId: true, family: { select: { children: { select: { name: true, className: true } } } } },
  });
  const child = flagged.family.children[0];
  const priorityRow = view
    .locator('.visit-progress__row')
    .filter({ hasText: '家庭经济困难' })
    .filter({ hasText: child.name });
  await priorityRow.waitFor();
  if (child.className) expect(await priorityRow.innerText()).toContain(child.className);

  // 家庭与分配 (step 分配老师): reassign that family to the school's counsellor, picked from the school's staff.
  await page.locator('.step-tabs__tab[data-step="ASSIGN"]').click();
  const counselor = await app.db.user.findUniqueOrThrow({
    where: { username: 'counsel.demo' },
    select: { id: true, displayName: true },
  });
  // The list shows 30 families at a time: narrow it to the priority families first.
  await page.locator('.window-families').getByText('重点关注', { exact: true }).first().click();
  const familyRow = page.locator(`.window-families .visit-family[data-family-id="${flagged.familyId}"]`);
  await familyRow.getByText('改派', { exact: true }).click();
  await familyRow.locator('.reassign-form .choice-chips__chip').filter({ hasText: counselor.displayName }).click();
  await familyRow.getByText('确认改派', { exact: true }).click();
  await familyRow.getByText(`家访教师：${counselor.displayName}`, { exact: true }).waitFor();
  expect(
    (
      await app.db.visitAssignment.findUniqueOrThrow({
        where: { windowId_familyId: { windowId: winter.id, familyId: flagged.familyId } },
        select: { teacherId: true },
      })
    ).teacherId,
  ).toBe(counselor.id);

  // 特殊群体: the coordinator marks a family not yet visited 留守儿童; it joins this semester's due list.
  const dueCard = page.locator('.visits-due');
  await dueCard.waitFor();
  await page.locator('.window-families').getByText('未预约', { exact: true }).first().click();
  // The last one with no visit completed (other files share the database: a family made and visited in another
  // window since is not due): households marked or flagged come first in the list, this one is neither. (Held by
  // its id: once marked it moves up to the others.)
  await page.locator('.window-families .visit-family').first().waitFor();
  const shownIds = await page
    .locator('.window-families .visit-family')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-family-id')!));
  let unvisitedId = '';
  for (const id of [...shownIds].reverse()) {
    const plain = await app.db.family.count({
      where: { id, specialGroups: { isEmpty: true }, visits: { none: { status: 'COMPLETED' } } },
    });
    if (plain === 1) {
      unvisitedId = id;
      break;
    }
  }
  expect(unvisitedId).not.toBe('');
  const unvisited = page.locator(`.window-families .visit-family[data-family-id="${unvisitedId}"]`);
  expect(await dueCard.locator(`.visit-family[data-family-id="${unvisitedId}"]`).count()).toBe(0);
  await unvisited.getByText('特殊群体', { exact: true }).click();
  await unvisited.locator('.special-groups-form .choice-chips__chip').filter({ hasText: '留守儿童' }).click();
  await unvisited.locator('.special-groups-form').getByText('保存', { exact: true }).click();
  await unvisited.getByText('特殊群体：留守儿童', { exact: true }).waitFor();
  const dueRow = dueCard.locator(`.visit-family[data-family-id="${unvisitedId}"]`);
  await dueRow.waitFor();
  expect(await dueRow.innerText()).toContain('留守儿童');
  expect(
    (await app.db.family.findUniqueOrThrow({ where: { id: unvisitedId }, select: { specialGroups: true } }))
      .specialGroups,
  ).toEqual(['LEFT_BEHIND']);
  // The class-teacher form picks the teacher from the school's staff (no raw user id).
  const classForm = page.locator('.class-teacher-form');
  expect(await classForm.locator('input[placeholder="教师的用户编号"]').count()).toBe(0);
  await classForm.locator('.choice-chips__chip').filter({ hasText: counselor.displayName }).waitFor();
  expect(errors).toEqual([]);
}, 120_000);
