import { createTestApp, listen, callHttp, type TestApp } from '../helpers/test-app';

let app: TestApp;
let http: { url: string; close(): Promise<void> };
beforeAll(async () => {
  app = await createTestApp();
  http = await listen(app);
});
afterAll(async () => {
  await http.close();
  await app.close();
});

describe('HTTP contract', () => {
  it('GET /healthz answers {"ok":true} once the database is reachable', async () => {
    const res = await fetch(`${http.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });

  it('a query takes its input as ?input=<url-encoded JSON> and answers {"result":{"data":…}}', async () => {
    const { token } = await app.caller().auth.passwordLogin({ username: 'fulian.hlj', password: 'demo12345' });
    const res = await callHttp(http.url, 'orgUnits.children', { token, input: { parentId: '230000' } });
    expect(res.status).toBe(200);
    expect(res.json.result.data).toHaveLength(13);
  });

  it('a mutation accepts a plain JSON body without a content-type header', async () => {
    const res = await fetch(`${http.url}/trpc/auth.passwordLogin`, {
      method: 'POST',
      body: JSON.stringify({ username: 'admin', password: 'demo12345' }),
    });
    expect(res.status).toBe(200);
  });

  it('malformed JSON is a 400 in Chinese, never a 500 or a stack trace', async () => {
    const res = await fetch(`${http.url}/trpc/auth.passwordLogin`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{oops',
    });
    const text = await res.text();
    expect(res.status).toBe(400);
    expect(JSON.parse(text).error.message).toBe('请求格式不正确');
    expect(text).not.toMatch(/stack|node_modules|\.ts:\d+/);
  });

  it('an unknown procedure is a 404 in Chinese', async () => {
    const res = await callHttp(http.url, 'nothing.here');
    expect(res.status).toBe(404);
    expect(res.json.error.message).toBe('接口不存在');
  });

  it('a query called with POST is refused without a 500', async () => {
    const res = await callHttp(http.url, 'consents.current', { method: 'POST', input: {} });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.json.error.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('a batch holds at most 10 calls: 10 are answered, 11 are refused whole with a 400 in Chinese', async () => {
    const batch = (n: number, method: 'GET' | 'POST') => {
      const paths = Array.from({ length: n }, () => (method === 'GET' ? 'system.info' : 'auth.passwordLogin')).join(
        ',',
      );
      const input = Object.fromEntries(
        Array.from({ length: n }, (_, i) => [i, method === 'GET' ? null : { username: 'nobody', password: 'x' }]),
      );
      const url = `${http.url}/trpc/${paths}?batch=1${method === 'GET' ? `&input=${encodeURIComponent(JSON.stringify(input))}` : ''}`;
      return method === 'GET'
        ? fetch(url)
        : fetch(url, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(input) });
    };
    const ten = await batch(10, 'GET');
    expect(ten.status).toBe(200);
    expect(await ten.json()).toHaveLength(10);
    for (const method of ['GET', 'POST'] as const) {
      const eleven = await batch(11, method);
      const text = await eleven.text();
      expect([method, eleven.status]).toEqual([method, 400]);
      expect(text).toContain('一次批量请求最多包含 10 个调用');
      expect(text).not.toMatch(/at .*\.ts:\d+/);
    }
    // Nothing of the refused batch ran: no failed login was counted for the account it named.
    expect(await app.db.user.count({ where: { username: 'nobody' } })).toBe(0);
  });

  it('answers the web build’s CORS preflight with 204', async () => {
    const res = await fetch(`${http.url}/trpc/auth.me`, {
      method: 'OPTIONS',
      headers: { origin: 'http://example.test', 'access-control-request-method': 'GET' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-headers')).toMatch(/authorization/);
  });

  it('sets security headers on every response', async () => {
    const res = await fetch(`${http.url}/healthz`);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
  });
});

describe('the web build', () => {
  it('is served with a Content-Security-Policy that allows only its own scripts', async () => {
    const { contentSecurityPolicy } = await import('../../server/http/static-files');
    const csp = contentSecurityPolicy('<html><script>var a=1;</script><script src="/x.js"></script></html>');
    expect(csp).toMatch(/script-src 'self' 'sha256-[A-Za-z0-9+/=]+'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain('unsafe-eval');
  });
});
