// Issue 16 part 6: what coordinators lost and could not add — past sessions in the list, copying a session,
// notices on publish and change, capacity limits, walk-ins in the backfill, roster search and the sign-in sheet.
import { createTestApp, listen, callHttp, type TestApp } from '../helpers/test-app';
import {
  inHours,
  makeFamily,
  makeLesson,
  makeRosterFamily,
  makeSession,
  makeStaff,
  makeUnit,
  sessionInput,
  signedInParent,
} from '../helpers/builders';
import type { SessionInput } from '../helpers/builders';
import { xlsxRows } from '../helpers/xlsx';
import { chinaYear } from '../../server/shared/china-time';
import type { AuthUser } from '../../server/auth/auth-user';

let app: TestApp;
let school: Awaited<ReturnType<typeof makeUnit>>;
let coord: AuthUser;
let coordId: string;

beforeAll(async () => {
  app = await createTestApp();
  school = await makeUnit(app.db);
  coordId = (await makeStaff(app.db, 'COORDINATOR', school.id)).id;
  coord = await app.as(coordId);
});
afterAll(() => app.close());

const DAY_HOURS = 24;
const newSession = (overrides: Partial<SessionInput> = {}) =>
  makeSession(app, sessionInput(school.id, { mode: 'OFFLINE', venue: '学校报告厅', capacity: 30, ...overrides }), {
    by: coord,
  });

describe('sessions.list: past sessions and filters', () => {
  it('a session entered 90 days back is found by its date range and title, and filtered by kind and status', async () => {
    const old = await newSession({
      title: '期中家长会心理讲座（补录）',
      kind: 'LECTURE',
      startsAt: inHours(-90 * DAY_HOURS),
      endsAt: inHours(-90 * DAY_HOURS + 2),
    });
    const draft = await newSession({ title: '期末家长会心理讲座', kind: 'LECTURE', draft: true });
    await newSession({ title: '亲子沙龙：一起做手工', kind: 'SALON' });

    const list = (input: Parameters<ReturnType<typeof app.caller>['sessions']['list']>[0]) =>
      app.caller(coord).sessions.list({ orgUnitId: school.id, ...input });

    const range = await list({ from: inHours(-100 * DAY_HOURS), to: inHours(-80 * DAY_HOURS) });
    expect(range.items.map((s) => s.title)).toEqual(['期中家长会心理讲座（补录）']);

    const lectures = await list({ q: '家长会', kind: 'LECTURE' });
    expect(lectures.items.map((s) => s.id).sort()).toEqual([old.id, draft.id].sort());
    expect((await list({ q: '家长会', status: 'DRAFT' })).items.map((s) => s.id)).toEqual([draft.id]);
    expect((await list({ kind: 'SALON' })).items.map((s) => s.title)).toEqual(['亲子沙龙：一起做手工']);

    // Newest first, a page at a time: the back-dated session comes last.
    const first = await list({ newestFirst: true, limit: 2 });
    expect(first.items).toHaveLength(2);
    expect(Date.parse(first.items[0].startsAt)).toBeGreaterThanOrEqual(Date.parse(first.items[1].startsAt));
    const rest = await list({ newestFirst: true, cursor: first.nextCursor! });
    expect(rest.items.map((s) => s.id)).toEqual([old.id]);
    expect(rest.nextCursor).toBeNull();
  });

  it('parents never see drafts, even when they ask for them', async () => {
    await newSession({ title: '家长看不到的草稿', draft: true });
    const p = await signedInParent(app, school.id);
    const asked = await app.caller(p.user).sessions.list({ status: 'DRAFT', q: '草稿' });
    expect(asked.items).toEqual([]);
  });
});

describe('sessions.copy', () => {
  it('makes a draft with the same title, kind, mode, venue, capacity and flag at the new time; registrations stay', async () => {
    const original = await newSession({
      title: '青春期情绪管理',
      kind: 'LESSON',
      mentalHealth: true,
      capacity: 45,
      venue: '二楼多功能厅',
    });
    const p = await signedInParent(app, school.id);
    await app.caller(p.user).sessions.register({ sessionId: original.id });

    const startsAt = inHours(24 * 14);
    const endsAt = inHours(24 * 14 + 1.5);
    const { id } = await app.caller(coord).sessions.copy({ sessionId: original.id, startsAt, endsAt });
    expect(id).not.toBe(original.id);
    const copy = await app.caller(coord).sessions.get({ sessionId: id });
    expect(copy).toMatchObject({
      title: '青春期情绪管理',
      kind: 'LESSON',
      mode: 'OFFLINE',
      venue: '二楼多功能厅',
      capacity: 45,
      mentalHealth: true,
      status: 'DRAFT',
      confirmed: 0,
    });
    expect(Date.parse(copy.startsAt)).toBe(Date.parse(startsAt));
    expect(Date.parse(copy.endsAt)).toBe(Date.parse(endsAt));
    expect(await app.db.registration.count({ where: { sessionId: id } })).toBe(0);
  });

  it('refuses a copy that ends before it starts, and a coordinator of another school', async () => {
    const original = await newSession();
    await expect(
      app.caller(coord).sessions.copy({ sessionId: original.id, startsAt: inHours(50), endsAt: inHours(49) }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('结束时间须晚于开始时间') });
    const other = await makeUnit(app.db);
    const stranger = await app.as((await makeStaff(app.db, 'COORDINATOR', other.id)).id);
    await expect(
      app.caller(stranger).sessions.copy({ sessionId: original.id, startsAt: inHours(50), endsAt: inHours(51) }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('notices on publish, change and cancellation (quota-aware)', () => {
  const subscribe = async (userId: string) =>
    app.caller(await app.as(userId)).notifications.recordSubscription({ accepted: ['SESSION_CHANGE'] });

  it('publishing tells the school’s parents: those who subscribed are queued, the others recorded as skipped', async () => {
    const unit = await makeUnit(app.db);
    const c = await app.as((await makeStaff(app.db, 'COORDINATOR', unit.id)).id);
    const subscribed = await makeFamily(app.db, unit.id);
    const unsubscribed = await makeFamily(app.db, unit.id);
    const elsewhere = await makeFamily(app.db, school.id);
    await subscribe(subscribed.userId);
    await subscribe(elsewhere.userId);

    const draft = await makeSession(app, sessionInput(unit.id, { title: '新学期家长课堂', draft: true }), { by: c });
    const result = await app.caller(c).sessions.publish({ sessionId: draft.id });
    expect(result).toEqual({ ok: true, notified: 1, skipped: 1 });

    const rows = await app.db.notification.findMany({
      where: { dedupeKey: { startsWith: `published:${draft.id}` } },
      select: { userId: true, status: true, data: true },
    });
    const byUser = Object.fromEntries(rows.map((r) => [r.userId, r.status]));
    expect(byUser).toEqual({ [subscribed.userId]: 'PENDING', [unsubscribed.userId]: 'SKIPPED_NO_QUOTA' });
    expect(JSON.stringify(rows[0].data)).toContain('新学期家长课堂');

    // Publishing again sends nothing more.
    expect(await app.caller(c).sessions.publish({ sessionId: draft.id })).toEqual({
      ok: true,
      notified: 0,
      skipped: 0,
    });
  });

  it('a new time or venue tells the registered families once; a new title alone tells no one', async () => {
    const s = await newSession({ title: '家庭沟通工作坊' });
    const a = await signedInParent(app, school.id);
    const b = await signedInParent(app, school.id);
    await subscribe(a.userId);
    await app.caller(a.user).sessions.register({ sessionId: s.id });
    await app.caller(b.user).sessions.register({ sessionId: s.id });
    const changeNotices = () =>
      app.db.notification.findMany({
        where: { dedupeKey: { startsWith: `changed:${s.id}` } },
        select: { userId: true, status: true, data: true },
      });

    await app.caller(coord).sessions.update({ sessionId: s.id, title: '家庭沟通工作坊（第一期）' });
    expect(await changeNotices()).toEqual([]);

    await app.caller(coord).sessions.update({ sessionId: s.id, venue: '图书馆三楼' });
    await app.caller(coord).sessions.update({ sessionId: s.id, venue: '图书馆三楼' });
    const rows = await changeNotices();
    expect(Object.fromEntries(rows.map((r) => [r.userId, r.status]))).toEqual({
      [a.userId]: 'PENDING',
      [b.userId]: 'SKIPPED_NO_QUOTA',
    });
    expect(JSON.stringify(rows[0].data)).toContain('图书馆三楼');

    await app.caller(coord).sessions.update({ sessionId: s.id, startsAt: inHours(72), endsAt: inHours(74) });
    expect(await changeNotices()).toHaveLength(4);

    await app.caller(coord).sessions.cancel({ sessionId: s.id, reason: '天气原因' });
    const cancelled = await app.db.notification.findMany({
      where: { dedupeKey: { startsWith: `cancelled:${s.id}` } },
      select: { userId: true, status: true },
    });
    // a had one quota, and it is still unspent (nothing was sent yet): queued; b has none: skipped.
    expect(Object.fromEntries(cancelled.map((r) => [r.userId, r.status]))).toEqual({
      [a.userId]: 'PENDING',
      [b.userId]: 'SKIPPED_NO_QUOTA',
    });
  });
});

describe('capacity: 1–2000 families', () => {
  let http: { url: string; close(): Promise<void> };
  beforeAll(async () => {
    http = await listen(app);
  });
  afterAll(() => http.close());

  const create = async (capacity: number) =>
    callHttp(http.url, 'sessions.create', {
      method: 'POST',
      token: await app.tokenFor(coordId),
      input: sessionInput(school.id, { capacity }),
    });

  it.each([
    [-1, '人数上限至少为 1 个家庭'],
    [0, '人数上限至少为 1 个家庭'],
    [2001, '人数上限最多 2000 个家庭'],
    [99999, '人数上限最多 2000 个家庭'],
  ])('capacity %d → 400 “%s”', async (capacity, message) => {
    const res = await create(capacity);
    expect(res.status).toBe(400);
    expect(res.json.error.message).toContain(message);
  });

  it('2000 is accepted; editing to 2001 is refused too', async () => {
    const res = await create(2000);
    expect(res.status).toBe(200);
    const id = res.json.result.data.id as string;
    await expect(app.caller(coord).sessions.update({ sessionId: id, capacity: 2001 })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('人数上限最多 2000 个家庭'),
    });
  });
});

describe('walk-ins in the roll call and the paper backfill', () => {
  /** Started half an hour ago: attendance is open. */
  const live = () => newSession({ title: '家长课堂（现场）', startsAt: inHours(-0.5), endsAt: inHours(1) });

  it('finds a household of the school by the child’s name, marks it present once, and it counts once', async () => {
    const s = await live();
    const walkIn = await makeRosterFamily(app.db, school.id, { name: '王小明' });
    const otherSchool = await makeUnit(app.db);
    await makeRosterFamily(app.db, otherSchool.id, { name: '王小明' });

    const found = await app.caller(coord).sessions.walkInCandidates({ sessionId: s.id, q: '王小' });
    expect(found.items.map((f) => f.familyId)).toEqual([walkIn.familyId]);
    expect(found.items[0]).toMatchObject({
      joined: false,
      registration: null,
      present: false,
      children: [{ name: '王小明', grade: 'G3', className: '三年级（1）班' }],
    });

    const mark = (method: 'ROLL_CALL' | 'PAPER') =>
      app.caller(coord).sessions.markAttendance({ sessionId: s.id, familyId: walkIn.familyId, present: true, method });
    await mark('ROLL_CALL');
    await mark('PAPER');

    const roster = await app.caller(coord).sessions.roster({ sessionId: s.id });
    expect(roster.rows.map((r) => [r.familyId, r.registration, r.present])).toEqual([[walkIn.familyId, null, true]]);
    expect(roster.summary.present).toBe(1);
    expect(await app.db.attendance.count({ where: { sessionId: s.id } })).toBe(1);
    const year = await app.db.familyServiceYear.findUniqueOrThrow({
      where: { familyId_year: { familyId: walkIn.familyId, year: chinaYear(new Date()) } },
      select: { services: true },
    });
    expect(year.services).toBe(1);
    expect((await app.caller(coord).sessions.walkInCandidates({ sessionId: s.id, q: '王小明' })).items[0].present).toBe(
      true,
    );
  });

  it('refuses a walk-in more than 12 hours after the end, and a household of another school', async () => {
    const old = await newSession({ title: '三天前的讲座', startsAt: inHours(-74), endsAt: inHours(-72) });
    const walkIn = await makeRosterFamily(app.db, school.id);
    await expect(
      app.caller(coord).sessions.markAttendance({
        sessionId: old.id,
        familyId: walkIn.familyId,
        present: true,
        method: 'PAPER',
      }),
    ).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('活动结束 12 小时后不能再登记到场') });
    expect(await app.db.attendance.count({ where: { sessionId: old.id } })).toBe(0);

    const s = await live();
    const stranger = await makeRosterFamily(app.db, (await makeUnit(app.db)).id);
    await expect(
      app.caller(coord).sessions.markAttendance({ sessionId: s.id, familyId: stranger.familyId, present: true }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('a teacher cannot search the school’s households (only registered ones are theirs to mark)', async () => {
    const s = await live();
    const teacher = await app.as((await makeStaff(app.db, 'TEACHER', school.id)).id);
    await expect(app.caller(teacher).sessions.walkInCandidates({ sessionId: s.id, q: '王' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(app.caller(coord).sessions.walkInCandidates({ sessionId: s.id, q: ' ' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('请输入孩子姓名或班级'),
    });
  });
});

describe('roster search and the sign-in sheet', () => {
  it('finds households by the child’s name or class; the sheet lists the registered households with a blank signature column', async () => {
    const s = await newSession({ title: '签到表测试讲座' });
    const a = await signedInParent(app, school.id);
    const b = await signedInParent(app, school.id);
    const cancelled = await signedInParent(app, school.id);
    await app.db.child.updateMany({
      where: { familyId: a.familyId },
      data: { name: '李雨桐', className: '四年级（2）班' },
    });
    await app.db.child.updateMany({
      where: { familyId: b.familyId },
      data: { name: '赵子涵', className: '四年级（3）班' },
    });
    await app.db.child.updateMany({ where: { familyId: cancelled.familyId }, data: { name: '孙悦' } });
    for (const p of [a, b, cancelled]) await app.caller(p.user).sessions.register({ sessionId: s.id });
    await app.caller(cancelled.user).sessions.cancelRegistration({ sessionId: s.id });

    const byName = await app.caller(coord).sessions.roster({ sessionId: s.id, q: '雨桐' });
    expect(byName.rows.map((r) => r.familyId)).toEqual([a.familyId]);
    // The rows still show the name masked; the summary is the whole session's.
    expect(byName.rows[0].children[0].name).toBe('李**');
    expect(byName.summary.confirmed).toBe(2);
    expect(
      (await app.caller(coord).sessions.roster({ sessionId: s.id, q: '四年级（3）' })).rows.map((r) => r.familyId),
    ).toEqual([b.familyId]);

    const sheet = await app.caller(coord).sessions.signInSheet({ sessionId: s.id });
    expect(sheet.fileName).toMatch(/^签到表测试讲座-\d{4}-\d\d-\d\d签到表\.xlsx$/);
    const rows = await xlsxRows(sheet.base64);
    expect(rows[0][0]).toContain('签到表测试讲座');
    expect(rows[2]).toEqual(['序号', '年级班级', '学生姓名', '报名情况', '家长签名']);
    const lines = rows.slice(3).filter((r) => r[2]);
    expect(lines.map((r) => r.slice(0, 4)).sort((x, y) => x[2].localeCompare(y[2]))).toEqual(
      [
        ['1', '四年级（2）班', '李雨桐', '报名成功'],
        ['2', '四年级（3）班', '赵子涵', '报名成功'],
      ].sort((x, y) => x[2].localeCompare(y[2])),
    );
    expect(lines.every((r) => (r[4] ?? '') === '')).toBe(true);
    expect(JSON.stringify(rows)).not.toContain('孙悦');
    // Ten numbered empty lines for households who come without registering.
    expect(rows.slice(3).length).toBe(12);
    const audit = await app.db.auditLog.findFirst({ where: { action: 'session.signInSheet', targetId: s.id } });
    expect(audit).not.toBeNull();
  });
});

describe('lessons.classStats: a lesson’s completions by class', () => {
  it('counts, per class of the school, the households and those that finished the lesson (each once)', async () => {
    const unit = await makeUnit(app.db);
    const c = await app.as((await makeStaff(app.db, 'COORDINATOR', unit.id)).id);
    const lesson = await makeLesson(app.db, unit.id);
    await app.caller(c).lessons.publish({ lessonId: lesson.id });
    const done = await signedInParent(app, unit.id, { guardians: 2 });
    const notYet = await signedInParent(app, unit.id);
    const other = await signedInParent(app, unit.id);
    await app.db.child.updateMany({
      where: { familyId: { in: [done.familyId, notYet.familyId] } },
      data: { grade: 'G3', className: '三年级（1）班' },
    });
    await app.db.child.updateMany({
      where: { familyId: other.familyId },
      data: { grade: 'G10', className: '高一（2）班' },
    });
    // Both guardians of one household finish it: one household.
    await app.caller(done.user).lessons.complete({ lessonId: lesson.id });
    await app.caller(await app.as(done.userIds[1])).lessons.complete({ lessonId: lesson.id });

    const out = await app.caller(c).lessons.classStats({ orgUnitId: unit.id, lessonId: lesson.id });
    expect(out.classes).toEqual([
      { grade: 'G3', className: '三年级（1）班', families: 2, completedFamilies: 1 },
      { grade: 'G10', className: '高一（2）班', families: 1, completedFamilies: 0 },
    ]);
    await expect(
      app.caller(coord).lessons.classStats({ orgUnitId: unit.id, lessonId: lesson.id }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
