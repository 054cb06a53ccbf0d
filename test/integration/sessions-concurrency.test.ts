/**
 * Capacity and the waitlist under concurrency, on PostgreSQL with several connection pools standing in
 * for several server processes.
 */
import fc from 'fast-check';
import { countyPathOf, countyPathOfSql } from '../../server/shared/org-tree';
import { createDb, type Db, type DbHandle } from '../../server/db/create-db';
import { createSqlRunner, type SqlRunner } from '../../server/db/sql-runner';
import {
  register as registerService,
  cancelRegistration as cancelService,
} from '../../server/services/sessions/registration';
import { checkIn as checkInService, checkInCode as checkInCodeService } from '../../server/services/sessions/check-in';
import { createTestApp, testDatabaseUrl, type TestApp } from '../helpers/test-app';
import {
  OTHER_TEST_CITY_ID,
  inHours,
  makeCounty,
  makeFamilies,
  makeFamily,
  makeSession,
  makeStaff,
  makeUnit,
  sessionInput,
} from '../helpers/builders';

/** The services with the test's own arguments: who (a family's guardian), which session. */
const register = (
  db: Db,
  userId: string,
  familyId: string,
  sessionId: string,
  attendees = 1,
  sql: SqlRunner | null = null,
) => registerService({ db, sql, actor: { id: userId, familyId }, input: { sessionId, attendees } });
const cancelRegistration = (db: Db, userId: string, familyId: string, sessionId: string) =>
  cancelService({ db, actor: { id: userId, familyId }, input: { sessionId } });

let app: TestApp;
let processes: DbHandle[];
/** Each process's hot-path runner (one per process, as in the server: registrations group per runner). */
let runners: SqlRunner[];
let schoolId: string;
let coordId: string;

beforeAll(async () => {
  app = await createTestApp();
  processes = Array.from({ length: 4 }, () => createDb(testDatabaseUrl(), { poolSize: 10 }));
  runners = processes.map((p) => createSqlRunner(p));
  schoolId = (await makeUnit(app.db)).id;
  coordId = (await makeStaff(app.db, 'COORDINATOR', schoolId)).id;
}, 60_000);
afterAll(async () => {
  await Promise.all(processes.map((p) => p.close()));
  await app.close();
});

async function session(capacity: number) {
  const input = sessionInput(schoolId, {
    title: '秋季家庭心理健康指导',
    startsAt: inHours(72),
    endsAt: inHours(74),
    capacity,
  });
  return (await makeSession(app, input, { by: await app.as(coordId) })).id;
}

const families = (n: number) => makeFamilies(app.db, schoolId, n);

it('200 concurrent registrations for 50 seats: exactly 50 confirmed, the rest waitlisted, nothing lost or doubled', async () => {
  const sessionId = await session(50);
  const fams = await families(200);
  const results = await Promise.all(
    fams.map((f, i) =>
      register(processes[i % processes.length].db, f.userId, f.familyId, sessionId, 1, runners[i % processes.length]),
    ),
  );
  expect(results.filter((r) => r.status === 'CONFIRMED')).toHaveLength(50);
  expect(results.filter((r) => r.status === 'WAITLISTED')).toHaveLength(150);
  const rows = await app.db.registration.groupBy({ by: ['status'], where: { sessionId }, _count: { _all: true } });
  expect(Object.fromEntries(rows.map((r) => [r.status, r._count._all]))).toEqual({ CONFIRMED: 50, WAITLISTED: 150 });
  expect(
    await app.db.guidanceSession.findUniqueOrThrow({
      where: { id: sessionId },
      select: { confirmedCount: true, waitlistedCount: true },
    }),
  ).toEqual({
    confirmedCount: 50,
    waitlistedCount: 150,
  });
  // The same family racing itself still has one registration.
  const again = await Promise.all(
    processes.map((p, i) => register(p.db, fams[0].userId, fams[0].familyId, sessionId, 1, runners[i])),
  );
  expect(new Set(again.map((r) => r.status)).size).toBe(1);
  expect(await app.db.registration.count({ where: { sessionId, familyId: fams[0].familyId } })).toBe(1);
}, 120_000);

it('a burst on one process is decided in a few grouped statements: seats and the waitlist in arrival order, each family told its own status', async () => {
  const sessionId = await session(30);
  const fams = await families(120);
  const p = processes[0];
  const sql = createSqlRunner(p);
  // The families of each registering statement, in the order the statement received them.
  const groupsSent: string[][] = [];
  const spy: SqlRunner = async <T>(text: string, values: unknown[]) => {
    if (text.includes('INSERT INTO "Registration"')) groupsSent.push(values[10] as string[]);
    return sql<T>(text, values);
  };
  const answers = await Promise.all(fams.map((f) => register(p.db, f.userId, f.familyId, sessionId, 1, spy)));
  // Grouped: far fewer statements than families (each one holds the row lock and commits once).
  expect(groupsSent.length).toBeGreaterThan(0);
  expect(groupsSent.length).toBeLessThan(fams.length / 4);
  const arrival = groupsSent.flat();
  expect([...arrival].sort()).toEqual(fams.map((f) => f.familyId).sort());

  const regs = await app.db.registration.findMany({
    where: { sessionId },
    orderBy: [{ queuedAt: 'asc' }],
    select: { familyId: true, status: true, queuedAt: true },
  });
  // The queue is the arrival order, with no two families at the same instant.
  expect(regs.map((r) => r.familyId)).toEqual(arrival);
  const queued = await app.db.$queryRaw<{ n: number }[]>`
    SELECT count(DISTINCT "queuedAt")::int AS n FROM "Registration" WHERE "sessionId" = ${sessionId}`;
  expect(queued[0].n).toBe(fams.length);
  expect(regs.slice(0, 30).every((r) => r.status === 'CONFIRMED')).toBe(true);
  expect(regs.slice(30).every((r) => r.status === 'WAITLISTED')).toBe(true);
  // Each family was answered with its own row's status.
  const status = new Map(regs.map((r) => [r.familyId, r.status]));
  expect(answers.map((a) => a.status)).toEqual(fams.map((f) => status.get(f.familyId)));
  expect(
    await app.db.guidanceSession.findUniqueOrThrow({
      where: { id: sessionId },
      select: { confirmedCount: true, waitlistedCount: true },
    }),
  ).toEqual({ confirmedCount: 30, waitlistedCount: 90 });
  // One reminder per confirmed guardian, one audit row per registration.
  expect(await app.db.notification.count({ where: { dedupeKey: { startsWith: `reminder:${sessionId}:` } } })).toBe(30);
  expect(await app.db.auditLog.count({ where: { targetId: sessionId, action: 'session.register' } })).toBe(120);
  // A cancelled seat goes to the first family that arrived after the seats ran out.
  const first = fams.find((f) => f.familyId === arrival[0])!;
  await cancelRegistration(p.db, first.userId, first.familyId, sessionId);
  expect(
    (
      await app.db.registration.findUniqueOrThrow({
        where: { sessionId_familyId: { sessionId, familyId: arrival[30] } },
      })
    ).status,
  ).toBe('CONFIRMED');
}, 120_000);

it('a hall checking in at once: a few grouped statements, each family present once, each guardian told the truth', async () => {
  const sessionId = (
    await makeSession(
      app,
      sessionInput(schoolId, {
        title: '家长课堂现场签到',
        startsAt: inHours(0.5),
        endsAt: inHours(2.5),
        capacity: 200,
      }),
      { by: await app.as(coordId) },
    )
  ).id;
  // 60 registered families, ten of them with both guardians scanning; 5 walk-ins take the general path.
  const fams = await makeFamilies(app.db, schoolId, 65, { guardians: (i) => (i < 10 ? 2 : 1) });
  const registered = fams.slice(0, 60);
  for (const f of registered) await register(app.db, f.userId, f.familyId, sessionId);
  const { code } = await checkInCodeService({ db: app.db, sql: runners[0], input: { sessionId } });
  const p = processes[0];
  const sql = runners[0];
  const statements: string[][] = [];
  const spy: SqlRunner = async <T>(text: string, values: unknown[]) => {
    if (text.includes('INSERT INTO "Attendance"')) statements.push(values[1] as string[]);
    return sql<T>(text, values);
  };
  const scans = fams.flatMap((f) => f.userIds.map((userId) => ({ userId, familyId: f.familyId })));
  const answers = await Promise.all(
    scans.map((c) =>
      checkInService({ db: p.db, sql: spy, actor: { id: c.userId, familyId: c.familyId }, input: { code } }),
    ),
  );
  expect(statements.length).toBeGreaterThan(0);
  expect(statements.length).toBeLessThan(scans.length / 4);
  // Every family present once; the count and the year's services agree with the rows.
  expect(await app.db.attendance.count({ where: { sessionId, present: true } })).toBe(65);
  expect(
    (await app.db.guidanceSession.findUniqueOrThrow({ where: { id: sessionId }, select: { attendedCount: true } }))
      .attendedCount,
  ).toBe(65);
  const services = await app.db.familyServiceYear.findMany({
    where: { familyId: { in: fams.map((f) => f.familyId) } },
    select: { services: true },
  });
  expect(services.map((r) => r.services)).toEqual(fams.map(() => 1));
  // Per family exactly one guardian hears 签到成功 (firstTime); a second guardian hears 已签到.
  const firstPerFamily = new Map<string, number>();
  answers.forEach((a, i) => {
    expect(a.sessionId).toBe(sessionId);
    if (a.firstTime) firstPerFamily.set(scans[i].familyId, (firstPerFamily.get(scans[i].familyId) ?? 0) + 1);
  });
  expect([...firstPerFamily.values()]).toEqual(fams.map(() => 1));
  // Scanning again changes nothing.
  const again = await checkInService({
    db: p.db,
    sql,
    actor: { id: registered[20].userId, familyId: registered[20].familyId },
    input: { code },
  });
  expect(again).toEqual({ sessionId, firstTime: false });
  expect(await app.db.attendance.count({ where: { sessionId } })).toBe(65);
}, 120_000);

it('a first registration written in one statement leaves the same rows as the general path under the lock', async () => {
  // Two identical sessions (one seat each, so the second family of each is waitlisted), one registered
  // through each path: registration, counters, reminder notices and audit rows must not differ.
  const [viaStatement, viaTransaction] = [await session(1), await session(1)];
  await app.db.guidanceSession.updateMany({
    where: { id: { in: [viaStatement, viaTransaction] } },
    data: { venue: '学校报告厅' },
  });
  const fams = await families(4);
  const withTwoGuardians = await makeFamily(app.db, schoolId, { guardians: 2 });
  const p = processes[0];
  const sql = createSqlRunner(p);
  // Records what the one-statement path answered, to be sure it (and not the fallback) did the work.
  const answered: unknown[] = [];
  const spy: SqlRunner = async <T>(text: string, values: unknown[]) => {
    const rows = await sql<T>(text, values);
    if (text.includes('INSERT INTO "Registration"')) answered.push(...rows);
    return rows;
  };
  const fast = [
    await register(p.db, withTwoGuardians.userId, withTwoGuardians.familyId, viaStatement, 2, spy),
    await register(p.db, fams[0].userId, fams[0].familyId, viaStatement, 1, spy),
  ];
  expect(answered).toEqual([
    { familyId: withTwoGuardians.familyId, status: 'CONFIRMED' },
    { familyId: fams[0].familyId, status: 'WAITLISTED' },
  ]);
  const general = [
    await register(p.db, fams[1].userId, fams[1].familyId, viaTransaction, 2),
    await register(p.db, fams[2].userId, fams[2].familyId, viaTransaction),
  ];
  expect(fast).toEqual([{ status: 'CONFIRMED' }, { status: 'WAITLISTED' }]);
  expect(general).toEqual(fast);

  const state = async (sessionId: string) => ({
    session: await app.db.guidanceSession.findUniqueOrThrow({
      where: { id: sessionId },
      select: { confirmedCount: true, waitlistedCount: true },
    }),
    registrations: (
      await app.db.registration.findMany({
        where: { sessionId },
        orderBy: { queuedAt: 'asc' },
        select: { status: true, attendees: true, queuedAt: true, createdAt: true },
      })
    ).map((r) => ({
      status: r.status,
      attendees: r.attendees,
      queuedAfterCreated: r.queuedAt >= r.createdAt,
    })),
    notices: (
      await app.db.notification.findMany({
        where: { dedupeKey: { startsWith: `reminder:${sessionId}:` } },
        select: { templateKey: true, page: true, data: true, dueAt: true, status: true },
      })
    ).map((n) => ({
      ...n,
      page: n.page?.replace(sessionId, 'S'),
      dueAt: Math.round(n.dueAt.getTime() / 60_000),
    })),
    audit: await app.db.auditLog.findMany({
      where: { targetId: sessionId, action: 'session.register' },
      orderBy: { id: 'asc' },
      select: { action: true, targetType: true, detail: true },
    }),
  });
  const a = await state(viaStatement);
  const b = await state(viaTransaction);
  // The family with two guardians gets a reminder for each.
  expect(a.notices.length).toBe(2);
  expect(b.notices.length).toBe(1);
  expect(a.notices[0]).toEqual(b.notices[0]);
  expect({ ...a, notices: [] }).toEqual({ ...b, notices: [] });
  // The waitlisted family is queued after the confirmed one.
  expect(a.registrations.map((r) => r.status)).toEqual(['CONFIRMED', 'WAITLISTED']);
});

describe('the one-statement path and the general path refuse and answer alike', () => {
  type Outcome = { status: string } | { error: string; message: string };
  const outcome = (p: Promise<{ status: string }>): Promise<Outcome> =>
    p.then(
      (r) => ({ status: r.status }),
      (e: { code?: string; message: string }) => ({ error: e.code ?? 'UNKNOWN', message: e.message }),
    );
  /** Every row a registration attempt may write, for one session (ids and clocks left out). */
  const rows = async (sessionId: string) => ({
    session: await app.db.guidanceSession.findUniqueOrThrow({
      where: { id: sessionId },
      select: { confirmedCount: true, waitlistedCount: true, status: true },
    }),
    registrations: await app.db.registration.findMany({
      where: { sessionId },
      orderBy: { queuedAt: 'asc' },
      select: { status: true, attendees: true },
    }),
    notices: await app.db.notification.count({ where: { dedupeKey: { startsWith: `reminder:${sessionId}:` } } }),
    audit: await app.db.auditLog.count({ where: { targetId: sessionId, action: 'session.register' } }),
  });

  /** Two identical sessions set up by `prepare`; one family registers on each, one through each path. */
  async function bothPaths(prepare: (sessionId: string) => Promise<{ familyId: string; userId: string } | void>) {
    const results: { outcome: Outcome; rows: Awaited<ReturnType<typeof rows>> }[] = [];
    for (const viaStatement of [true, false]) {
      const sessionId = await session(1);
      const family = (await prepare(sessionId)) ?? (await families(1))[0];
      const p = processes[0];
      const result = await outcome(
        register(p.db, family.userId, family.familyId, sessionId, 1, viaStatement ? createSqlRunner(p) : null),
      );
      results.push({ outcome: result, rows: await rows(sessionId) });
    }
    expect(results[0]).toEqual(results[1]);
    return results[0];
  }

  it('a session that has ended', async () => {
    const r = await bothPaths(async (id) => {
      await app.db.guidanceSession.update({
        where: { id },
        data: { startsAt: new Date(Date.now() - 3 * 3600_000), endsAt: new Date(Date.now() - 3600_000) },
      });
    });
    expect(r.outcome).toEqual({ error: 'CONFLICT', message: '该活动已结束，不能再报名' });
    expect(r.rows.registrations).toEqual([]);
  });

  it('a cancelled session', async () => {
    const r = await bothPaths(async (id) => {
      await app.db.guidanceSession.update({ where: { id }, data: { status: 'CANCELLED' } });
    });
    expect(r.outcome).toEqual({ error: 'CONFLICT', message: '该活动已取消' });
    expect(r.rows.audit).toBe(0);
  });

  it('a draft the family cannot see', async () => {
    const r = await bothPaths(async (id) => {
      await app.db.guidanceSession.update({ where: { id }, data: { status: 'DRAFT' } });
    });
    expect(r.outcome).toEqual({ error: 'NOT_FOUND', message: '活动不存在' });
  });

  it("a session outside the family's county", async () => {
    const r = await bothPaths(async () => {
      const farCounty = await makeCounty(app.db, { cityId: OTHER_TEST_CITY_ID });
      return makeFamily(app.db, (await makeUnit(app.db, { countyId: farCounty.id })).id);
    });
    expect(r.outcome).toEqual({ error: 'NOT_FOUND', message: '活动不存在' });
  });

  it('a full session with nobody waiting yet: the family is the first on the waitlist', async () => {
    const r = await bothPaths(async (id) => {
      const [first] = await families(1);
      await register(app.db, first.userId, first.familyId, id);
    });
    expect(r.outcome).toEqual({ status: 'WAITLISTED' });
    expect(r.rows.session).toEqual({ confirmedCount: 1, waitlistedCount: 1, status: 'PUBLISHED' });
  });

  it('a family already registered gets its status again, and nothing more is written', async () => {
    const r = await bothPaths(async (id) => {
      const [family] = await families(1);
      await register(app.db, family.userId, family.familyId, id);
      return family;
    });
    expect(r.outcome).toEqual({ status: 'CONFIRMED' });
    expect(r.rows.registrations).toHaveLength(1);
    expect(r.rows.audit).toBe(1);
  });
});

it('concurrent cancellations each promote a distinct waitlisted family, in queue order', async () => {
  const sessionId = await session(10);
  const fams = await families(20);
  for (const f of fams) await register(app.db, f.userId, f.familyId, sessionId);
  await Promise.all(
    fams
      .slice(0, 5)
      .map((f, i) => cancelRegistration(processes[i % processes.length].db, f.userId, f.familyId, sessionId)),
  );
  const regs = await app.db.registration.findMany({ where: { sessionId }, select: { familyId: true, status: true } });
  const status = new Map(regs.map((r) => [r.familyId, r.status]));
  expect(fams.slice(10, 15).map((f) => status.get(f.familyId))).toEqual(Array(5).fill('CONFIRMED'));
  expect(fams.slice(15).map((f) => status.get(f.familyId))).toEqual(Array(5).fill('WAITLISTED'));
  expect(regs.filter((r) => r.status === 'CONFIRMED')).toHaveLength(10);
}, 60_000);

/**
 * Model-based: random sequences of register and cancel, some fired concurrently, keep the invariants:
 * confirmed ≤ capacity; nobody waits while a seat is free; the waitlist is promoted in FIFO order.
 */
it('random interleavings of register, cancel and promote keep capacity and FIFO order', async () => {
  const pool = await families(8);
  await fc.assert(
    fc.asyncProperty(
      fc.integer({ min: 1, max: 4 }),
      fc.array(
        fc.array(fc.record({ op: fc.constantFrom('register', 'cancel'), who: fc.integer({ min: 0, max: 7 }) }), {
          minLength: 1,
          maxLength: 3,
        }),
        { minLength: 1, maxLength: 8 },
      ),
      async (capacity, steps) => {
        const sessionId = await session(capacity);
        const snapshot = async () => {
          const regs = await app.db.registration.findMany({
            where: { sessionId },
            orderBy: [{ queuedAt: 'asc' }, { id: 'asc' }],
            select: { familyId: true, status: true },
          });
          return {
            confirmed: new Set(regs.filter((r) => r.status === 'CONFIRMED').map((r) => r.familyId)),
            waiting: regs.filter((r) => r.status === 'WAITLISTED').map((r) => r.familyId),
          };
        };
        for (const step of steps) {
          const before = await snapshot();
          // Operations in one step run at the same time, on different "processes".
          await Promise.allSettled(
            step.map(({ op, who }, i) =>
              op === 'register'
                ? register(
                    processes[i % processes.length].db,
                    pool[who].userId,
                    pool[who].familyId,
                    sessionId,
                    1,
                    runners[i % processes.length],
                  )
                : cancelRegistration(
                    processes[i % processes.length].db,
                    pool[who].userId,
                    pool[who].familyId,
                    sessionId,
                  ),
            ),
          );
          const after = await snapshot();
          expect(after.confirmed.size).toBeLessThanOrEqual(capacity);
          // Nobody waits while a seat is free.
          if (after.waiting.length > 0) expect(after.confirmed.size).toBe(capacity);
          const s = await app.db.guidanceSession.findUniqueOrThrow({
            where: { id: sessionId },
            select: { confirmedCount: true, waitlistedCount: true },
          });
          expect(s).toEqual({ confirmedCount: after.confirmed.size, waitlistedCount: after.waiting.length });
          // FIFO: of the families already waiting (and not cancelling), those promoted are the first in the queue,
          // and a newcomer is seated only after everyone already waiting has been.
          const touched = new Set(step.filter((x) => x.op === 'cancel').map((x) => pool[x.who].familyId));
          const stillQueued = before.waiting.filter((f) => !touched.has(f));
          const promoted = stillQueued.filter((f) => after.confirmed.has(f));
          expect(promoted).toEqual(stillQueued.slice(0, promoted.length));
          const newcomers = [...after.confirmed].filter((f) => !before.confirmed.has(f) && !before.waiting.includes(f));
          if (newcomers.length > 0) expect(promoted).toEqual(stillQueued);
        }
      },
    ),
    { numRuns: 25 },
  );
}, 120_000);

it('the statement’s county of a family’s unit is the one the general path uses (countyPathOf)', async () => {
  const paths = ['/230000/', '/230000/230100/', '/230000/230100/230102/', '/230000/230100/230102/s_1/', '/a/b/c/d/e/'];
  const rows = await app.db.$queryRawUnsafe<{ p: string; county: string }[]>(
    `SELECT p, ${countyPathOfSql('p')} AS county FROM unnest($1::text[]) AS p`,
    paths,
  );
  expect(rows.map((r) => r.county)).toEqual(paths.map(countyPathOf));
});
