/**
 * Crash safety: the server process is killed with SIGKILL during a registration burst and started
 * again. Every acknowledged registration is there with the status it was given, nothing is doubled,
 * and capacity still holds; clients retrying afterwards get one registration each.
 */
import path from 'node:path';
import { createTestApp, testDatabaseUrl, type TestApp } from '../helpers/test-app';
import { makeFamily, makeSession, makeUnit, sessionInput } from '../helpers/builders';
import { startServerProcess } from '../helpers/server-process';

const root = path.resolve(__dirname, '..', '..');
let app: TestApp;

const serverEnv = () => ({
  DATABASE_URL: testDatabaseUrl(),
  NOTIFY_WORKER: '0',
  RATE_LIMIT_SCALE: '0',
  LOG_LEVEL: 'silent',
  HB_LOG_FILE: '',
});
/** The production entry as its own process; `port` to come back on the address the clients use. */
const startServer = (port?: number) => startServerProcess(path.join(root, 'server', 'index.ts'), serverEnv(), { port });

beforeAll(async () => {
  app = await createTestApp();
});

/** A published session at a new school with `capacity` seats, and `n` families of that school with a sign-in token each. */
async function burstScenario(title: string, capacity: number, n: number) {
  const school = await makeUnit(app.db);
  const { id: sessionId } = await makeSession(app, sessionInput(school.id, { title, capacity }));
  const families: { familyId: string; token: string }[] = [];
  for (let i = 0; i < n; i += 1) {
    const f = await makeFamily(app.db, school.id);
    families.push({ familyId: f.familyId, token: await app.tokenFor(f.userId) });
  }
  return { sessionId, families };
}
afterAll(() => app.close());

it('SIGKILL during a registration burst loses no acknowledged registration and keeps capacity', async () => {
  const capacity = 60;
  const { sessionId, families } = await burstScenario('秋季指导服务', capacity, 150);

  let server = await startServer();
  const { url, port } = server;

  const acked = new Map<string, string>();
  let killed = false;
  const register = async (f: (typeof families)[number]) => {
    try {
      const res = await fetch(`${url}/trpc/sessions.register`, {
        method: 'POST',
        headers: { authorization: `Bearer ${f.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ sessionId }),
      });
      if (res.status === 200) acked.set(f.familyId, (await res.json()).result.data.status);
    } catch {
      /* the connection died with the server: not acknowledged */
    }
  };
  const burst = families.map((f, i) =>
    new Promise((r) => setTimeout(r, i * 2)).then(async () => {
      await register(f);
      if (!killed && acked.size >= 40) {
        killed = true;
        server.child.kill('SIGKILL');
      }
    }),
  );
  await Promise.all(burst);
  expect(killed).toBe(true);
  expect(acked.size).toBeGreaterThanOrEqual(40);
  expect(acked.size).toBeLessThan(families.length);

  server = await startServer(port);
  try {
    const rows = await app.db.registration.findMany({ where: { sessionId }, select: { familyId: true, status: true } });
    const stored = new Map(rows.map((r) => [r.familyId, r.status]));
    for (const [familyId, status] of acked) expect([familyId, stored.get(familyId)]).toEqual([familyId, status]);
    const s = await app.db.guidanceSession.findUniqueOrThrow({
      where: { id: sessionId },
      select: { confirmedCount: true, waitlistedCount: true },
    });
    expect(s.confirmedCount).toBe(rows.filter((r) => r.status === 'CONFIRMED').length);
    expect(s.waitlistedCount).toBe(rows.filter((r) => r.status === 'WAITLISTED').length);
    expect(s.confirmedCount).toBeLessThanOrEqual(capacity);

    // Every client retries: one registration per family, exactly `capacity` confirmed.
    await Promise.all(families.map(register));
    const after = await app.db.registration.groupBy({ by: ['status'], where: { sessionId }, _count: { _all: true } });
    expect(Object.fromEntries(after.map((r) => [r.status, r._count._all]))).toEqual({
      CONFIRMED: capacity,
      WAITLISTED: families.length - capacity,
    });
    expect(acked.size).toBe(families.length);
  } finally {
    server.child.kill('SIGKILL');
  }
}, 120_000);

it('SIGTERM during a registration burst answers every request already received, then exits', async () => {
  const { sessionId, families } = await burstScenario('冬季家长课堂', 30, 80);
  const { child: server, url } = await startServer();
  const exited = new Promise<{ code: number | null; at: number }>((r) =>
    server.once('exit', (code) => r({ code, at: Date.now() })),
  );

  // Every family sends at once over its own connection; SIGTERM arrives while they are being served.
  const outcomes = families.map((f) =>
    fetch(`${url}/trpc/sessions.register`, {
      method: 'POST',
      headers: { authorization: `Bearer ${f.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ sessionId }),
    }).then(
      async (res) => ({
        familyId: f.familyId,
        status: res.status,
        data: res.status === 200 ? (await res.json()).result.data.status : null,
      }),
      () => ({ familyId: f.familyId, status: 0, data: null }),
    ),
  );
  // Wait until the server has received requests and is answering them, then ask it to stop.
  for (let i = 0; i < 1000 && (await app.db.registration.count({ where: { sessionId } })) < 5; i += 1)
    await new Promise((r) => setTimeout(r, 10));
  const signalledAt = Date.now();
  server.kill('SIGTERM');
  const results = await Promise.all(outcomes);
  const { code, at } = await exited;

  expect(code).toBe(0);
  // It did not wait out a keep-alive timeout (65 s) or the drain deadline (10 s).
  expect(at - signalledAt).toBeLessThan(10_000);
  // No request it accepted failed: each one was answered 200, or (arriving after it stopped listening) never reached it.
  const answered = results.filter((r) => r.status !== 0);
  expect(answered.every((r) => r.status === 200)).toBe(true);
  expect(answered.length).toBeGreaterThanOrEqual(5);
  const rows = await app.db.registration.findMany({ where: { sessionId }, select: { familyId: true, status: true } });
  const stored = new Map(rows.map((r) => [r.familyId, r.status]));
  // What was answered is stored; nothing is stored that the client was not told about.
  for (const r of answered) expect([r.familyId, stored.get(r.familyId)]).toEqual([r.familyId, r.data]);
  expect(rows.length).toBe(answered.length);
}, 120_000);
