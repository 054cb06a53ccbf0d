/**
 * Database faults while requests run: connections cut with pg_terminate_backend, then the database
 * refusing connections for a while. Requests fail fast with 503 in Chinese (never hang, never 500),
 * /healthz reports the outage, and the server recovers by itself.
 */
import { Client } from 'pg';
import { dropScratchDatabase, PG_ADMIN_URL } from '../helpers/pg-admin';
import { createOwnDatabase } from '../helpers/scratch-database';
import { createTestApp, listen, callHttp, type TestApp } from '../helpers/test-app';
import { makeFamily, makeUnit } from '../helpers/builders';

let scratch: { name: string; url: string };
let app: TestApp;
let http: { url: string; close(): Promise<void> };
let token: string;

async function admin(sql: string) {
  const c = new Client({ connectionString: PG_ADMIN_URL });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}
const terminate = () =>
  admin(
    `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${scratch.name}' AND pid <> pg_backend_pid()`,
  );

beforeAll(async () => {
  scratch = await createOwnDatabase('hb_faults', { seed: false });
  app = await createTestApp({ DATABASE_URL: scratch.url });
  http = await listen(app);
  // An unseeded database: the builders add the province and a city from the division data, then a county and the school.
  token = await app.tokenFor((await makeFamily(app.db, (await makeUnit(app.db)).id)).userId);
}, 60_000);

afterAll(async () => {
  await admin(`ALTER DATABASE "${scratch.name}" WITH ALLOW_CONNECTIONS true`).catch(() => undefined);
  await http?.close();
  await app?.close();
  await dropScratchDatabase(scratch.name);
});

async function timed<T>(p: Promise<T>): Promise<{ value: T; ms: number }> {
  const t = Date.now();
  const value = await p;
  return { value, ms: Date.now() - t };
}

it('cut connections mid-burst: every request answers 200 or a Chinese 503, quickly, and the next ones succeed', async () => {
  expect((await callHttp(http.url, 'families.mine', { token })).status).toBe(200);
  const burst = Array.from({ length: 40 }, (_, i) =>
    timed(new Promise((r) => setTimeout(r, i * 5)).then(() => callHttp(http.url, 'families.mine', { token }))),
  );
  await new Promise((r) => setTimeout(r, 50));
  await terminate();
  const results = await Promise.all(burst);
  for (const { value, ms } of results) {
    expect([200, 503]).toContain(value.status);
    if (value.status === 503) expect(value.json.error.message).toBe('数据库暂时不可用，请稍后再试');
    expect(ms).toBeLessThan(8000);
  }
  // Recovered without a restart.
  let ok = 0;
  for (let i = 0; i < 10; i += 1) ok += (await callHttp(http.url, 'families.mine', { token })).status === 200 ? 1 : 0;
  expect(ok).toBeGreaterThanOrEqual(9);
}, 60_000);

it('an outage: fast 503s and an unhealthy /healthz; recovery when the database is back', async () => {
  await admin(`ALTER DATABASE "${scratch.name}" WITH ALLOW_CONNECTIONS false`);
  await terminate();
  const down = await timed(callHttp(http.url, 'families.mine', { token }));
  expect(down.value.status).toBe(503);
  expect(down.value.json.error.message).toMatch(/暂时不可用/);
  expect(down.ms).toBeLessThan(6000);
  const health = await fetch(`${http.url}/healthz`);
  expect(health.status).toBe(503);
  expect(await health.json()).toEqual({ ok: false, error: '数据库暂时不可用' });

  await admin(`ALTER DATABASE "${scratch.name}" WITH ALLOW_CONNECTIONS true`);
  let healthy = false;
  for (let i = 0; i < 20 && !healthy; i += 1) {
    healthy = (await fetch(`${http.url}/healthz`)).status === 200;
    if (!healthy) await new Promise((r) => setTimeout(r, 250));
  }
  expect(healthy).toBe(true);
  expect((await callHttp(http.url, 'families.mine', { token })).status).toBe(200);
}, 60_000);
