import { randomInt } from 'node:crypto';
import { createTestApp, listen, type TestApp } from '../helpers/test-app';
import { inHours, makeFamily, makeSession, makeStaff, makeUnit, sessionInput } from '../helpers/builders';

let a: TestApp;
let b: TestApp;
let httpA: { url: string; close(): Promise<void> };
let httpB: { url: string; close(): Promise<void> };

beforeAll(async () => {
  // Two server processes on one database, trusting X-Forwarded-For so each test uses an IP of its own.
  a = await createTestApp({ RATE_LIMIT_SCALE: '1', TRUST_PROXY: '1' });
  b = await createTestApp({ RATE_LIMIT_SCALE: '1', TRUST_PROXY: '1' });
  [httpA, httpB] = await Promise.all([listen(a), listen(b)]);
});
afterAll(async () => {
  await Promise.all([httpA.close(), httpB.close()]);
  await Promise.all([a.close(), b.close()]);
});

/** Fixed one-minute windows: start well inside one. */
async function awayFromMinuteBoundary() {
  const s = new Date().getSeconds();
  if (s > 45) await new Promise((r) => setTimeout(r, (61 - s) * 1000));
}

const login = (base: string, ip: string, i: number) =>
  fetch(`${base}/trpc/auth.passwordLogin`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
    body: JSON.stringify({ username: `nobody-${i}`, password: 'x' }),
  });

it('password login: 30 attempts a minute per IP, counted across server processes, then 429 in Chinese', async () => {
  await awayFromMinuteBoundary();
  const ip = `203.0.113.${randomInt(1, 250)}`;
  const statuses: number[] = [];
  for (let i = 0; i < 30; i += 1) statuses.push((await login(i % 2 ? httpA.url : httpB.url, ip, i)).status);
  expect(statuses.every((s) => s === 401)).toBe(true);
  const over = await login(httpA.url, ip, 99);
  expect(over.status).toBe(429);
  expect((await over.json()).error.message).toBe('操作过于频繁，请 1 分钟后再试');
  // Another address is not affected.
  expect((await login(httpB.url, `198.51.100.${randomInt(1, 250)}`, 1)).status).toBe(401);
}, 60_000);

it('behind the trusted proxy, a client cannot escape the limit by writing other addresses into X-Forwarded-For', async () => {
  await awayFromMinuteBoundary();
  // The proxy appends the real client's address; the client forges a new one on the left every time.
  const real = `192.0.2.${randomInt(1, 250)}`;
  const statuses: number[] = [];
  for (let i = 0; i < 31; i += 1) {
    statuses.push((await login(i % 2 ? httpA.url : httpB.url, `198.18.${i}.${randomInt(1, 250)}, ${real}`, i)).status);
  }
  expect(statuses.slice(0, 30).every((s) => s === 401)).toBe(true);
  expect(statuses[30]).toBe(429);
}, 60_000);

it('registration: 20 a minute per user', async () => {
  await awayFromMinuteBoundary();
  const school = await makeUnit(a.db);
  const coord = await a.as((await makeStaff(a.db, 'COORDINATOR', school.id)).id);
  const ids: string[] = [];
  for (let i = 0; i < 21; i += 1) {
    ids.push(
      (
        await makeSession(
          a,
          sessionInput(school.id, { kind: 'LECTURE', title: `讲座${i}`, startsAt: inHours(30), endsAt: inHours(31) }),
          { by: coord },
        )
      ).id,
    );
  }
  const parent = await a.as((await makeFamily(a.db, school.id)).userId);
  for (let i = 0; i < 20; i += 1) await a.caller(parent).sessions.register({ sessionId: ids[i] });
  await expect(b.caller(parent).sessions.register({ sessionId: ids[20] })).rejects.toMatchObject({
    code: 'TOO_MANY_REQUESTS',
  });
  expect(await a.db.registration.count({ where: { sessionId: ids[20] } })).toBe(0);
}, 60_000);

it('a burst from one address, counted together on two servers: exactly the limit passes, the rest get 429', async () => {
  await awayFromMinuteBoundary();
  // Counts arriving at the same moment share a statement: each must still get its own count.
  const ip = `203.0.113.${randomInt(1, 250)}`;
  const statuses = await Promise.all(
    Array.from({ length: 45 }, (_, i) => login(i % 2 ? httpA.url : httpB.url, ip, i).then((r) => r.status)),
  );
  expect(statuses.filter((s) => s === 401)).toHaveLength(30);
  expect(statuses.filter((s) => s === 429)).toHaveLength(15);
  const [bucket] = await a.db.rateLimitBucket.findMany({ where: { key: `auth.passwordLogin:ip:${ip}` } });
  expect(bucket.count).toBe(45);
}, 60_000);
