/**
 * The app's tRPC handler answers unbatched calls directly (server/http/trpc-handler.ts). This test
 * holds it to tRPC's own standalone adapter: the same requests, sent to both, get the same status
 * and the same JSON.
 */
import http from 'node:http';
import zlib from 'node:zlib';
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import { appRouter } from '../../server/routers/root';
import { createContextFactory } from '../../server/trpc/context';
import { createTestApp, listen, serveOnLoopback, type TestApp } from '../helpers/test-app';
import { makeFamily, makeUnit } from '../helpers/builders';

let app: TestApp;
let ours: { url: string; close(): Promise<void> };
let reference: { url: string; close(): Promise<void> };
let parentToken: string;
let staffToken: string;
let textVersion: string;

beforeAll(async () => {
  app = await createTestApp();
  ours = await listen(app);
  const handler = createHTTPHandler({
    router: appRouter,
    basePath: '/trpc/',
    createContext: createContextFactory(app.deps),
    maxBodySize: 1024 * 1024,
  });
  reference = await serveOnLoopback(
    http.createServer((req, res) => {
      // The app reads every POST body as JSON whatever its content-type; so does the reference here.
      if (req.method === 'POST' && !String(req.headers['content-type'] ?? '').startsWith('application/json'))
        req.headers['content-type'] = 'application/json';
      handler(req, res);
    }),
  );
  // A family of its own: the consent granted below must not change what other test files see.
  const parent = { id: (await makeFamily(app.db, (await makeUnit(app.db)).id)).userId };
  textVersion = (await app.db.consentText.findFirstOrThrow({ where: { scope: 'sensitive:checklist', inForce: true } }))
    .textVersion;
  const staff = await app.db.user.findUniqueOrThrow({ where: { username: 'fulian.hlj' }, select: { id: true } });
  parentToken = await app.tokenFor(parent.id);
  staffToken = await app.tokenFor(staff.id);
});
afterAll(async () => {
  await ours.close();
  await reference.close();
  await app.close();
});

type Req = {
  method: 'GET' | 'POST';
  path: string;
  body?: string | (() => string);
  token?: () => string;
  contentType?: string;
};

async function send(base: string, r: Req) {
  const headers: Record<string, string> = {};
  const token = r.token?.();
  if (token) headers.authorization = `Bearer ${token}`;
  if (r.contentType) headers['content-type'] = r.contentType;
  const res = await fetch(`${base}/trpc/${r.path}`, {
    method: r.method,
    headers,
    body: typeof r.body === 'function' ? r.body() : r.body,
  });
  const text = await res.text();
  return { status: res.status, contentType: res.headers.get('content-type'), json: JSON.parse(text) as unknown };
}

const input = (v: unknown) => `?input=${encodeURIComponent(JSON.stringify(v))}`;

const cases: [string, Req][] = [
  [
    'a query with input',
    { method: 'GET', path: `orgUnits.children${input({ parentId: '230000' })}`, token: () => staffToken },
  ],
  ['a query without input', { method: 'GET', path: 'auth.me', token: () => parentToken }],
  ['a query signed out', { method: 'GET', path: 'auth.me' }],
  [
    'a query with invalid input',
    { method: 'GET', path: `orgUnits.children${input({ parentId: 42 })}`, token: () => staffToken },
  ],
  [
    'a query with malformed ?input',
    { method: 'GET', path: 'orgUnits.children?input=%7Boops', token: () => staffToken },
  ],
  [
    'a query outside the caller’s role',
    { method: 'GET', path: `reports.coverage${input({ orgUnitId: '230000', year: 2026 })}`, token: () => parentToken },
  ],
  [
    'a query for a unit that does not exist',
    {
      method: 'GET',
      path: `reports.coverage${input({ orgUnitId: 'no-such-unit', year: 2026 })}`,
      token: () => staffToken,
    },
  ],
  [
    'a mutation',
    {
      method: 'POST',
      path: 'consents.grant',
      body: () => JSON.stringify({ scope: 'sensitive:checklist', textVersion }),
      token: () => parentToken,
      contentType: 'application/json',
    },
  ],
  [
    'a mutation with invalid input',
    {
      method: 'POST',
      path: 'auth.passwordLogin',
      body: JSON.stringify({ username: '' }),
      contentType: 'application/json',
    },
  ],
  [
    'a mutation with malformed JSON',
    { method: 'POST', path: 'auth.passwordLogin', body: '{oops', contentType: 'application/json' },
  ],
  ['a mutation without a body', { method: 'POST', path: 'auth.logout', token: () => 'x'.repeat(8) }],
  [
    'a mutation without a content-type',
    {
      method: 'POST',
      path: 'auth.passwordLogin',
      body: JSON.stringify({ username: 'nobody-here', password: 'wrong-password' }),
    },
  ],
  [
    'a query sent as POST',
    { method: 'POST', path: 'auth.me', body: '{}', contentType: 'application/json', token: () => parentToken },
  ],
  ['a mutation sent as GET', { method: 'GET', path: 'auth.logout', token: () => parentToken }],
  ['an unknown procedure', { method: 'GET', path: 'nothing.here' }],
  [
    'a body over 1 MB',
    {
      method: 'POST',
      path: 'auth.passwordLogin',
      body: JSON.stringify({ username: 'x'.repeat(1_100_000), password: 'p' }),
      contentType: 'application/json',
    },
  ],
  [
    'a batch of two queries',
    {
      method: 'GET',
      path: `auth.me,orgUnits.children?batch=1&input=${encodeURIComponent(JSON.stringify({ 1: { parentId: '230000' } }))}`,
      token: () => staffToken,
    },
  ],
];

it.each(cases)('%s: the same status and JSON as tRPC’s standalone adapter', async (_name, r) => {
  // Idempotent calls only (consents.grant returns the current consent), so order does not matter.
  const expected = await send(reference.url, r);
  const actual = await send(ours.url, r);
  expect(actual).toEqual(expected);
});

it('answers with a content-length in one piece, not a chunked stream', async () => {
  const res = await fetch(`${ours.url}/trpc/auth.me`, { headers: { authorization: `Bearer ${parentToken}` } });
  const body = await res.arrayBuffer();
  expect(res.headers.get('transfer-encoding')).toBeNull();
  expect(Number(res.headers.get('content-length'))).toBe(body.byteLength);
});

it('refuses a body over 1 MB with 413 and a Chinese message', async () => {
  const res = await send(ours.url, {
    method: 'POST',
    path: 'auth.passwordLogin',
    body: JSON.stringify({ username: 'x'.repeat(1_100_000), password: 'p' }),
    contentType: 'application/json',
  });
  expect(res.status).toBe(413);
  expect((res.json as { error: { message: string } }).error.message).toBe('请求内容过大');
});

describe('compression of the API’s answers', () => {
  /** A GET by node:http, which (unlike fetch) neither asks for nor undoes any encoding by itself. */
  const raw = (path: string, headers: Record<string, string>) =>
    new Promise<{ headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
      http
        .get(`${ours.url}/trpc/${path}`, { headers }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
        })
        .on('error', reject);
    });

  it('a large answer is brotli- or gzip-compressed as the client accepts, and decodes to the same JSON', async () => {
    const path = 'consents.current';
    const plain = await raw(path, {});
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.length).toBeGreaterThan(1024);
    const br = await raw(path, { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toMatch(/accept-encoding/);
    expect(Number(br.headers['content-length'])).toBe(br.body.length);
    expect(br.body.length).toBeLessThan(plain.body.length * 0.7);
    expect(JSON.parse(zlib.brotliDecompressSync(br.body).toString())).toEqual(JSON.parse(plain.body.toString()));
    const gz = await raw(path, { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(zlib.gunzipSync(gz.body).toString())).toEqual(JSON.parse(plain.body.toString()));
    // A refused encoding is not used.
    expect((await raw(path, { 'accept-encoding': 'br;q=0, gzip' })).headers['content-encoding']).toBe('gzip');
  });

  it('a small answer goes as it is (compressing it would cost more than it saves)', async () => {
    const me = await raw('auth.me', { authorization: `Bearer ${parentToken}`, 'accept-encoding': 'br, gzip' });
    expect(me.body.length).toBeLessThan(1024);
    expect(me.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(me.body.toString()).result.data).toBeTruthy();
  });
});
