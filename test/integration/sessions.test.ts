import { createTestApp, listen, callHttp, type TestApp } from '../helpers/test-app';
import {
  OTHER_TEST_CITY_ID,
  PROVINCE_ID,
  inHours,
  makeCounty,
  makeFamily,
  makeSession,
  makeStaff,
  makeUnit,
  sessionInput,
  signedInParent,
  type SessionInput,
} from '../helpers/builders';
import { chinaYear as serviceYear } from '../../server/shared/china-time';
import type { AuthUser } from '../../server/auth/auth-user';
import { createSqlRunner } from '../../server/db/sql-runner';
import { claimShortCode } from '../../server/services/sessions/sessions.sql';

let app: TestApp;
let school: Awaited<ReturnType<typeof makeUnit>>;
let coord: AuthUser;

beforeAll(async () => {
  app = await createTestApp();
  school = await makeUnit(app.db);
  coord = await app.as((await makeStaff(app.db, 'COORDINATOR', school.id)).id);
});
afterAll(() => app.close());

function newSession(overrides: Partial<SessionInput> = {}) {
  const input = sessionInput(school.id, {
    title: '如何识别孩子的心理危机信号',
    capacity: 2,
    mode: 'OFFLINE',
    venue: '学校报告厅',
    ...overrides,
  });
  return makeSession(app, input, { by: coord });
}

const parentOf = () => signedInParent(app, school.id);

describe('sessions.create and sessions.list', () => {
  it('creates a guidance session that always counts as mental-health guidance', async () => {
    const { id } = await newSession({ mentalHealth: false });
    const row = await app.db.guidanceSession.findUniqueOrThrow({
      where: { id },
      select: { mentalHealth: true, status: true },
    });
    expect(row).toEqual({ mentalHealth: true, status: 'PUBLISHED' });
    const lecture = await newSession({ kind: 'LECTURE' });
    expect(
      (await app.db.guidanceSession.findUniqueOrThrow({ where: { id: lecture.id }, select: { mentalHealth: true } }))
        .mentalHealth,
    ).toBe(false);
  });

  it('refuses bad input with Chinese messages', async () => {
    await expect(newSession({ endsAt: inHours(47) })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('结束时间须晚于开始时间'),
    });
    await expect(newSession({ venue: undefined })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('线下活动请填写地点'),
    });
    await expect(newSession({ capacity: 0 })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('人数上限至少为 1 个家庭'),
    });
    await expect(newSession({ startsAt: '2026-12-01 19:00' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('带时区'),
    });
  });

  it('refuses to host a session at a region (only schools and guidance sites)', async () => {
    const admin = await app.as((await makeStaff(app.db, 'ADMIN', PROVINCE_ID)).id);
    const county = await makeCounty(app.db);
    await expect(
      app.caller(admin).sessions.create({
        orgUnitId: county.id,
        kind: 'LECTURE',
        title: '讲座',
        startsAt: inHours(5),
        endsAt: inHours(6),
        capacity: 10,
        mode: 'ONLINE',
      }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', message: '活动须由学校或家庭教育指导服务站点开设' });
  });

  it('lists sessions by start time with counts and a cursor, for parents of the county and for the coordinator', async () => {
    const unit = await makeUnit(app.db, { countyId: (await makeCounty(app.db)).id });
    const c = await app.as((await makeStaff(app.db, 'COORDINATOR', unit.id)).id);
    const ids: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      ids.push(
        (
          await app.caller(c).sessions.create({
            orgUnitId: unit.id,
            kind: 'SALON',
            title: `亲子沙龙${i}`,
            startsAt: inHours(10 + i),
            endsAt: inHours(11 + i),
            capacity: 5,
            mode: 'ONLINE',
          })
        ).id,
      );
    }
    const page1 = await app.caller(c).sessions.list({ orgUnitId: unit.id, limit: 2 });
    expect(page1.items.map((s) => s.id)).toEqual(ids.slice(0, 2));
    const page2 = await app.caller(c).sessions.list({ orgUnitId: unit.id, limit: 2, cursor: page1.nextCursor! });
    expect(page2.items.map((s) => s.id)).toEqual([ids[2]]);
    expect(page2.nextCursor).toBeNull();

    const parent = await app.as((await makeFamily(app.db, unit.id)).userId);
    await app.caller(parent).sessions.register({ sessionId: ids[0] });
    const seen = await app.caller(parent).sessions.list({ orgUnitId: unit.id });
    expect(seen.items[0]).toMatchObject({
      id: ids[0],
      kind: 'SALON',
      capacity: 5,
      confirmed: 1,
      waitlisted: 0,
      myStatus: 'CONFIRMED',
    });
    // A parent of another county does not see them.
    const farCounty = await makeCounty(app.db, { cityId: OTHER_TEST_CITY_ID });
    const far = await app.as(
      (await makeFamily(app.db, (await makeUnit(app.db, { countyId: farCounty.id })).id)).userId,
    );
    expect((await app.caller(far).sessions.list({ orgUnitId: unit.id })).items).toEqual([]);
    await expect(app.caller(far).sessions.register({ sessionId: ids[0] })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('registration and waitlist', () => {
  it('confirms up to capacity, then waitlists; repeating returns the existing status', async () => {
    const { id } = await newSession();
    const [a, b, c] = [await parentOf(), await parentOf(), await parentOf()];
    expect(await app.caller(a.user).sessions.register({ sessionId: id })).toEqual({ status: 'CONFIRMED' });
    expect(await app.caller(b.user).sessions.register({ sessionId: id })).toEqual({ status: 'CONFIRMED' });
    expect(await app.caller(c.user).sessions.register({ sessionId: id })).toEqual({ status: 'WAITLISTED' });
    expect(await app.caller(c.user).sessions.register({ sessionId: id })).toEqual({ status: 'WAITLISTED' });
    expect(await app.db.registration.count({ where: { sessionId: id } })).toBe(3);
  });

  it('either guardian acts for the family: one registration per family', async () => {
    const { id } = await newSession();
    const f = await makeFamily(app.db, school.id, { guardians: 2 });
    const [mother, father] = await Promise.all(f.userIds.map((u) => app.as(u)));
    await app.caller(mother).sessions.register({ sessionId: id, attendees: 2 });
    expect(await app.caller(father).sessions.register({ sessionId: id })).toEqual({ status: 'CONFIRMED' });
    expect(
      await app.db.registration.findMany({ where: { sessionId: id }, select: { familyId: true, attendees: true } }),
    ).toEqual([{ familyId: f.familyId, attendees: 2 }]);
  });

  it('a cancellation promotes the first waitlisted family in the same transaction and tells it', async () => {
    const { id } = await newSession();
    const [a, b, c, d] = [await parentOf(), await parentOf(), await parentOf(), await parentOf()];
    for (const p of [a, b, c, d]) await app.caller(p.user).sessions.register({ sessionId: id });
    expect(await app.caller(a.user).sessions.cancelRegistration({ sessionId: id })).toEqual({ status: 'CANCELLED' });
    const regs = await app.db.registration.findMany({
      where: { sessionId: id },
      select: { familyId: true, status: true },
    });
    const byFamily = Object.fromEntries(regs.map((r) => [r.familyId, r.status]));
    expect(byFamily).toEqual({
      [a.familyId]: 'CANCELLED',
      [b.familyId]: 'CONFIRMED',
      [c.familyId]: 'CONFIRMED',
      [d.familyId]: 'WAITLISTED',
    });
    const s = await app.db.guidanceSession.findUniqueOrThrow({
      where: { id },
      select: { confirmedCount: true, waitlistedCount: true },
    });
    expect(s).toEqual({ confirmedCount: 2, waitlistedCount: 1 });
    const notices = await app.db.notification.findMany({
      where: { userId: c.userId, templateKey: 'SESSION_CHANGE' },
      select: { data: true },
    });
    expect(notices).toHaveLength(1);
    expect(JSON.stringify(notices[0].data)).toContain('候补成功');
    // Registering again puts the family at the back of the queue.
    expect(await app.caller(a.user).sessions.register({ sessionId: id })).toEqual({ status: 'WAITLISTED' });
  });

  it('more capacity promotes waitlisted families in order; less than the confirmed count is refused', async () => {
    const { id } = await newSession();
    const ps = [await parentOf(), await parentOf(), await parentOf(), await parentOf()];
    for (const p of ps) await app.caller(p.user).sessions.register({ sessionId: id });
    await expect(app.caller(coord).sessions.update({ sessionId: id, capacity: 1 })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    expect(await app.caller(coord).sessions.update({ sessionId: id, capacity: 3 })).toEqual({ ok: true, promoted: 1 });
    const statuses = await Promise.all(
      ps.map((p) =>
        app.db.registration.findUniqueOrThrow({
          where: { sessionId_familyId: { sessionId: id, familyId: p.familyId } },
          select: { status: true },
        }),
      ),
    );
    expect(statuses.map((s) => s.status)).toEqual(['CONFIRMED', 'CONFIRMED', 'CONFIRMED', 'WAITLISTED']);
  });

  it('a cancelled or draft session cannot be registered for', async () => {
    const draft = await newSession({ draft: true });
    const p = await parentOf();
    await expect(app.caller(p.user).sessions.register({ sessionId: draft.id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await app.caller(coord).sessions.publish({ sessionId: draft.id });
    expect(await app.caller(p.user).sessions.register({ sessionId: draft.id })).toEqual({ status: 'CONFIRMED' });

    const other = await parentOf();
    const result = await app.caller(coord).sessions.cancel({ sessionId: draft.id, reason: '场地维修' });
    expect(result).toEqual({ ok: true, notifiedFamilies: 1 });
    await expect(app.caller(other.user).sessions.register({ sessionId: draft.id })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: '该活动已取消',
    });
    const notice = await app.db.notification.findFirstOrThrow({
      where: { userId: p.userId, dedupeKey: { startsWith: `cancelled:${draft.id}` } },
      select: { data: true },
    });
    expect(JSON.stringify(notice.data)).toContain('场地维修');
  });
});

describe('check-in', () => {
  /** Starts in half an hour: check-in opens an hour before the start. */
  const SOON = { startsAt: inHours(0.5), endsAt: inHours(2.5) };

  it('a code works only in the session’s own time window: not days before it, however it was forwarded', async () => {
    const { id } = await newSession({ startsAt: inHours(26), endsAt: inHours(28) });
    const p = await parentOf();
    await app.caller(p.user).sessions.register({ sessionId: id });
    const { code } = await app.caller(coord).sessions.checkInCode({ sessionId: id });
    await expect(app.caller(p.user).sessions.checkIn({ code })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: '签到还没有开始：活动开始前 1 小时起可以签到',
    });
    expect(await app.db.attendance.count({ where: { sessionId: id } })).toBe(0);
  });

  it('a family checking in twice counts once, and the service is counted for the year', async () => {
    const { id } = await newSession(SOON);
    const p = await parentOf();
    await app.caller(p.user).sessions.register({ sessionId: id });
    const { code, expiresAt } = await app.caller(coord).sessions.checkInCode({ sessionId: id });
    expect(new Date(expiresAt).getTime()).toBeGreaterThan(Date.now());
    expect(new Date(expiresAt).getTime()).toBeLessThanOrEqual(Date.now() + 120_000);
    expect(await app.caller(p.user).sessions.checkIn({ code })).toEqual({ sessionId: id, firstTime: true });
    expect(await app.caller(p.user).sessions.checkIn({ code })).toEqual({ sessionId: id, firstTime: false });
    expect(await app.db.attendance.count({ where: { sessionId: id, familyId: p.familyId, present: true } })).toBe(1);
    expect(
      (await app.db.guidanceSession.findUniqueOrThrow({ where: { id }, select: { attendedCount: true } }))
        .attendedCount,
    ).toBe(1);
    const start = (await app.db.guidanceSession.findUniqueOrThrow({ where: { id }, select: { startsAt: true } }))
      .startsAt;
    const year = await app.db.familyServiceYear.findUniqueOrThrow({
      where: { familyId_year: { familyId: p.familyId, year: serviceYear(start) } },
      select: { services: true },
    });
    expect(year.services).toBe(1);
    expect((await app.caller(p.user).sessions.mine()).items[0]).toMatchObject({ sessionId: id, attended: true });
  });

  it('refuses a forged or expired code', async () => {
    const { id } = await newSession(SOON);
    const p = await parentOf();
    const { code } = await app.caller(coord).sessions.checkInCode({ sessionId: id });
    const [sid, window, sig] = code.split('.');
    await expect(
      app.caller(p.user).sessions.checkIn({ code: `${sid}.${window}.${sig.slice(0, -2)}xx` }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(
      app.caller(p.user).sessions.checkIn({ code: `${sid}.${Number(window) - 5}.${sig}` }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: '签到码已过期或无效，请扫描现场最新的二维码',
    });
    expect(await app.db.attendance.count({ where: { sessionId: id } })).toBe(0);
  });

  it('an online session has one 6-digit code for its whole window; parents type it, spaces and all', async () => {
    const { id } = await newSession({ ...SOON, mode: 'ONLINE', venue: undefined, capacity: 10 });
    const first = await app.caller(coord).sessions.checkInCode({ sessionId: id });
    expect(first.shortCode).toMatch(/^\d{6}$/);
    // The same code however often the host's page asks, valid until 12 hours after the end.
    expect((await app.caller(coord).sessions.checkInCode({ sessionId: id })).shortCode).toBe(first.shortCode);
    const ends = (await app.db.guidanceSession.findUniqueOrThrow({ where: { id }, select: { endsAt: true } })).endsAt;
    expect(first.shortCodeExpiresAt).toBe(new Date(ends.getTime() + 12 * 3600_000).toISOString());
    const p = await parentOf();
    await app.caller(p.user).sessions.register({ sessionId: id });
    const typed = `${first.shortCode!.slice(0, 3)} ${first.shortCode!.slice(3)}`;
    expect(await app.caller(p.user).sessions.checkIn({ code: typed })).toEqual({ sessionId: id, firstTime: true });
    expect(await app.caller(p.user).sessions.checkIn({ code: first.shortCode! })).toEqual({
      sessionId: id,
      firstTime: false,
    });
    // The QR of an online session still works too, as a check-in link.
    const q = await parentOf();
    expect(
      await app.caller(q.user).sessions.checkIn({
        code: `https://heartbridge.example/#/packageParent/checkin/index?code=${encodeURIComponent(first.code)}`,
      }),
    ).toEqual({ sessionId: id, firstTime: true });
    expect(await app.db.attendance.count({ where: { sessionId: id, present: true } })).toBe(2);
  });

  it('an offline session has no 6-digit code, and a guessed code counts towards an hourly lockout', async () => {
    const offline = await newSession(SOON);
    expect(await app.caller(coord).sessions.checkInCode({ sessionId: offline.id })).toMatchObject({ shortCode: null });
    const online = await newSession({ ...SOON, mode: 'ONLINE', venue: undefined, capacity: 10 });
    const { shortCode } = await app.caller(coord).sessions.checkInCode({ sessionId: online.id });
    const held = new Set(
      (
        await app.db.guidanceSession.findMany({
          where: { checkInShortCode: { not: null } },
          select: { checkInShortCode: true },
        })
      ).map((r) => r.checkInShortCode),
    );
    const wrong: string[] = [];
    for (let n = 0; wrong.length < 10; n++) {
      const c = String(n).padStart(6, '0');
      if (!held.has(c)) wrong.push(c);
    }
    const p = await parentOf();
    for (const c of wrong)
      await expect(app.caller(p.user).sessions.checkIn({ code: c })).rejects.toMatchObject({
        code: 'BAD_REQUEST',
        message: '签到码不对，请再看一看直播中显示的 6 位签到码',
      });
    // Ten wrong codes in the hour: even the right one is refused until the hour is over.
    await expect(app.caller(p.user).sessions.checkIn({ code: shortCode! })).rejects.toMatchObject({
      code: 'TOO_MANY_REQUESTS',
      message: expect.stringContaining('签到码输错次数太多'),
    });
    expect(await app.db.attendance.count({ where: { sessionId: online.id } })).toBe(0);
    // Another parent is not locked out.
    const other = await parentOf();
    expect(await app.caller(other.user).sessions.checkIn({ code: shortCode! })).toEqual({
      sessionId: online.id,
      firstTime: true,
    });
  });

  it('a code comes back for reuse once its session’s window closed, and never while it is open', async () => {
    const done = await newSession({ ...SOON, mode: 'ONLINE', venue: undefined });
    const { shortCode } = await app.caller(coord).sessions.checkInCode({ sessionId: done.id });
    const live = await newSession({ ...SOON, mode: 'ONLINE', venue: undefined });
    const sql = createSqlRunner(app.handle);
    // While `done` is in its window, nobody else gets its code.
    expect(await claimShortCode(sql, { sessionId: live.id, code: shortCode!, closedBefore: new Date() })).toBeNull();
    // Its window closes (it ended 13 hours ago): the code goes to the next session that draws it.
    await app.db.guidanceSession.update({
      where: { id: done.id },
      data: { startsAt: new Date(Date.now() - 15 * 3600_000), endsAt: new Date(Date.now() - 13 * 3600_000) },
    });
    expect(
      await claimShortCode(sql, {
        sessionId: live.id,
        code: shortCode!,
        closedBefore: new Date(Date.now() - 12 * 3600_000),
      }),
    ).toBe(shortCode);
    const rows = await app.db.guidanceSession.findMany({
      where: { id: { in: [done.id, live.id] } },
      select: { id: true, checkInShortCode: true },
    });
    expect(Object.fromEntries(rows.map((r) => [r.id, r.checkInShortCode]))).toEqual({
      [done.id]: null,
      [live.id]: shortCode,
    });
    const p = await parentOf();
    expect(await app.caller(p.user).sessions.checkIn({ code: shortCode! })).toEqual({
      sessionId: live.id,
      firstTime: true,
    });
  });

  it('an unregistered family may check in while capacity allows, and not after', async () => {
    const { id } = await newSession({ ...SOON, capacity: 1 });
    const [walkIn, late] = [await parentOf(), await parentOf()];
    const { code } = await app.caller(coord).sessions.checkInCode({ sessionId: id });
    expect(await app.caller(walkIn.user).sessions.checkIn({ code })).toEqual({ sessionId: id, firstTime: true });
    await expect(app.caller(late.user).sessions.checkIn({ code })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: '本场活动名额已满，无法签到',
    });
    expect(
      (await app.db.guidanceSession.findUniqueOrThrow({ where: { id }, select: { confirmedCount: true } }))
        .confirmedCount,
    ).toBe(1);
  });

  it('roll call and a paper sheet mark attendance; marking absent takes the service back', async () => {
    const { id } = await newSession({ ...SOON, capacity: 5 });
    const [a, b] = [await parentOf(), await parentOf()];
    await app.caller(a.user).sessions.register({ sessionId: id });
    await app.caller(coord).sessions.markAttendance({ sessionId: id, familyId: a.familyId, present: true });
    await app
      .caller(coord)
      .sessions.markAttendance({ sessionId: id, familyId: b.familyId, present: true, method: 'PAPER' });
    const roster = await app.caller(coord).sessions.roster({ sessionId: id });
    expect(roster.summary).toMatchObject({ confirmed: 1, present: 2, presentPeople: 2 });
    // The family entered from the paper sheet is on the roster too, without a registration.
    expect(roster.rows.find((r) => r.familyId === b.familyId)).toMatchObject({
      registration: null,
      present: true,
      method: 'PAPER',
    });
    expect(roster.rows.find((r) => r.familyId === a.familyId)).toMatchObject({ present: true, method: 'ROLL_CALL' });
    expect(roster.rows[0].children[0].name).toMatch(/^孩\*+$/);
    const year = serviceYear(new Date(Date.now() + 48 * 3600_000));
    expect(
      await app.db.familyServiceYear.findUnique({
        where: { familyId_year: { familyId: b.familyId, year } },
        select: { services: true },
      }),
    ).toEqual({ services: 1 });
    await app.caller(coord).sessions.markAttendance({ sessionId: id, familyId: b.familyId, present: false });
    expect(
      await app.db.familyServiceYear.findUnique({ where: { familyId_year: { familyId: b.familyId, year } } }),
    ).toBeNull();
    // The session's maintained count of families present follows every change.
    await app.caller(coord).sessions.markAttendance({ sessionId: id, familyId: a.familyId, present: true });
    const present = await app.db.attendance.count({ where: { sessionId: id, present: true } });
    expect(present).toBe(1);
    expect(
      (await app.db.guidanceSession.findUniqueOrThrow({ where: { id }, select: { attendedCount: true } }))
        .attendedCount,
    ).toBe(present);
  });

  it('a session without mental-health content is attended but not counted as guidance', async () => {
    const { id } = await newSession({ ...SOON, kind: 'LECTURE', mentalHealth: false, capacity: 5 });
    const p = await parentOf();
    const { code } = await app.caller(coord).sessions.checkInCode({ sessionId: id });
    await app.caller(p.user).sessions.checkIn({ code });
    expect(await app.db.familyServiceYear.count({ where: { familyId: p.familyId } })).toBe(0);
    expect((await app.caller(p.user).sessions.mine()).servicesThisYear).toBe(0);
  });

  it('the roll call marks only families registered for the session or of its own school, not the county’s others', async () => {
    const { id } = await newSession({ ...SOON, capacity: 5 });
    // A family of another school in the same county, not registered.
    const neighbour = await signedInParent(app, (await makeUnit(app.db)).id);
    await expect(
      app.caller(coord).sessions.markAttendance({ sessionId: id, familyId: neighbour.familyId, present: true }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN', message: '该家庭不在本活动的服务范围内' });
    expect(await app.db.attendance.count({ where: { sessionId: id } })).toBe(0);
    // Once registered, it can be marked.
    await app.caller(neighbour.user).sessions.register({ sessionId: id });
    await app.caller(coord).sessions.markAttendance({ sessionId: id, familyId: neighbour.familyId, present: true });
    expect(await app.db.attendance.count({ where: { sessionId: id, present: true } })).toBe(1);
  });

  it('rating needs attendance', async () => {
    const { id } = await newSession({ ...SOON, capacity: 5 });
    const p = await parentOf();
    await expect(app.caller(p.user).sessions.rate({ sessionId: id, rating: 5 })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await app.caller(coord).sessions.markAttendance({ sessionId: id, familyId: p.familyId, present: true });
    await app.caller(p.user).sessions.rate({ sessionId: id, rating: 4, comment: '很有帮助' });
    await expect(app.caller(p.user).sessions.rate({ sessionId: id, rating: 6 })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    expect((await app.caller(p.user).sessions.get({ sessionId: id })).mine).toEqual({
      registration: null,
      attended: true,
      rated: true,
    });
  });
});

describe('sessions over HTTP (contract)', () => {
  it('register answers {status} and list shows the counts', async () => {
    const http = await listen(app);
    try {
      const { id } = await newSession({ capacity: 1 });
      const a = await parentOf();
      const b = await parentOf();
      const ra = await callHttp(http.url, 'sessions.register', {
        method: 'POST',
        token: await app.tokenFor(a.userId),
        input: { sessionId: id },
      });
      const rb = await callHttp(http.url, 'sessions.register', {
        method: 'POST',
        token: await app.tokenFor(b.userId),
        input: { sessionId: id },
      });
      expect([ra.json.result.data, rb.json.result.data]).toEqual([{ status: 'CONFIRMED' }, { status: 'WAITLISTED' }]);
      // The list from this session's start (this file's other sessions fill more than a page).
      const { startsAt } = await app.db.guidanceSession.findUniqueOrThrow({
        where: { id },
        select: { startsAt: true },
      });
      const list = await callHttp(http.url, 'sessions.list', {
        token: await app.tokenFor(a.userId),
        input: { orgUnitId: school.id, from: startsAt.toISOString() },
      });
      expect(list.json.result.data.items.find((s: { id: string }) => s.id === id)).toMatchObject({
        capacity: 1,
        confirmed: 1,
        waitlisted: 1,
      });
      const bad = await callHttp(http.url, 'sessions.checkIn', {
        method: 'POST',
        token: await app.tokenFor(a.userId),
        input: { code: 'x' },
      });
      expect(bad.status).toBe(400);
      expect(bad.json.error.message).toMatch(/签到码/);
    } finally {
      await http.close();
    }
  });
});

describe('代办: a coordinator registers a household on its behalf', () => {
  it('same capacity and waitlist, audited as done by the coordinator, shown in the household’s 我的活动', async () => {
    const { id } = await newSession({ capacity: 1 });
    const grandma = await parentOf();
    const other = await parentOf();
    expect(await app.caller(coord).sessions.registerFamily({ sessionId: id, familyId: grandma.familyId })).toEqual({
      status: 'CONFIRMED',
    });
    // Repeating it returns the same status; the seat is taken, so the next household waits.
    expect(await app.caller(coord).sessions.registerFamily({ sessionId: id, familyId: grandma.familyId })).toEqual({
      status: 'CONFIRMED',
    });
    expect(await app.caller(coord).sessions.registerFamily({ sessionId: id, familyId: other.familyId })).toEqual({
      status: 'WAITLISTED',
    });
    expect(
      await app.db.guidanceSession.findUniqueOrThrow({
        where: { id },
        select: { confirmedCount: true, waitlistedCount: true },
      }),
    ).toEqual({ confirmedCount: 1, waitlistedCount: 1 });
    const audit = await app.db.auditLog.findMany({
      where: { targetId: id, action: 'session.registerFamily' },
      select: { actorUserId: true, detail: true },
      orderBy: { id: 'asc' },
    });
    expect(audit).toHaveLength(2);
    expect(audit[0]).toMatchObject({ actorUserId: coord.id, detail: { familyId: grandma.familyId, onBehalf: true } });
    const mine = await app.caller(grandma.user).sessions.mine();
    const coordName = (await app.db.user.findUniqueOrThrow({ where: { id: coord.id } })).displayName;
    expect(mine.items.find((i) => i.sessionId === id)).toMatchObject({
      registration: 'CONFIRMED',
      registeredOnBehalfBy: coordName,
    });
    // Registering for herself later changes nothing, and her own registrations show no 代办.
    expect(await app.caller(grandma.user).sessions.register({ sessionId: id })).toEqual({ status: 'CONFIRMED' });
  });

  it('only households of the session’s unit, only published sessions, only its coordinators', async () => {
    const { id } = await newSession({ capacity: 5 });
    const far = await signedInParent(app, (await makeUnit(app.db)).id);
    await expect(
      app.caller(coord).sessions.registerFamily({ sessionId: id, familyId: far.familyId }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN', message: '该家庭不在本活动的服务范围内' });
    const draft = await newSession({ draft: true });
    const near = await parentOf();
    await expect(
      app.caller(coord).sessions.registerFamily({ sessionId: draft.id, familyId: near.familyId }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    const teacher = await app.as((await makeStaff(app.db, 'TEACHER', school.id)).id);
    await expect(
      app.caller(teacher).sessions.registerFamily({ sessionId: id, familyId: near.familyId }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    // A parent cannot register another household.
    await expect(
      app.caller(near.user).sessions.registerFamily({ sessionId: id, familyId: far.familyId }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await app.db.registration.count({ where: { sessionId: id } })).toBe(0);
  });
});
