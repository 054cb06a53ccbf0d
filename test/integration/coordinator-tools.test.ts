// Issue 16 part 6: what coordinators lost and could not add — past sessions in the list, copying a session,
// notices on publish and change, sensible capacity limits.
import { createTestApp, listen, callHttp, type TestApp } from '../helpers/test-app';
import {
  inHours,
  makeFamily,
  makeSession,
  makeStaff,
  makeUnit,
  sessionInput,
  signedInParent,
} from '../helpers/builders';
import type { SessionInput } from '../helpers/builders';
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
