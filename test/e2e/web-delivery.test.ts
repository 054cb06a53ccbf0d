/**
 * How the web build is delivered, as a browser on a weak connection receives it: precompressed (brotli,
 * else gzip) by Accept-Encoding, hashed files cached for a year, index.html revalidated on every visit, and the
 * Content-Security-Policy on the page as strict as ever. Figures are measured on the real build.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import { createTestApp, listen, type TestApp } from '../helpers/test-app';
import { WEB_ROOT } from '../helpers/web-app';
import { contentSecurityPolicy } from '../../server/http/static-files';
import { openBrowser } from '../helpers/browser';

let app: TestApp;
let server: { url: string; close(): Promise<void> };
beforeAll(async () => {
  app = await createTestApp({ DEMO_MODE: '1' });
  server = await listen(app);
});
afterAll(async () => {
  await server.close();
  await app.close();
});

function get(pathname: string, acceptEncoding?: string) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    const req = http.get(
      `${server.url}${pathname}`,
      { headers: acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
      },
    );
    req.on('error', reject);
  });
}

const rawHtml = () => fs.readFileSync(path.join(WEB_ROOT, 'index.html'));
/** The scripts and styles the first page loads (named in index.html). */
const firstPageAssets = () =>
  [
    ...rawHtml()
      .toString('utf8')
      .matchAll(/(?:src|href)="(\/(?:js|css)\/[^"]+)"/g),
  ].map((m) => m[1]);

describe('web delivery', () => {
  it('index.html: brotli for a browser that takes it, revalidated on every visit, with the strict CSP', async () => {
    const res = await get('/', 'gzip, deflate, br');
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers.vary).toBe('Accept-Encoding');
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(zlib.brotliDecompressSync(res.body).equals(rawHtml())).toBe(true);
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toBe(contentSecurityPolicy(rawHtml().toString('utf8')));
    expect(csp).toMatch(/script-src 'self'( 'sha256-[^']+')*;/);
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    // A client route gets the same page.
    expect((await get('/pages/help/index', 'br')).headers['content-encoding']).toBe('br');
  });

  it('hashed scripts and styles: cached for a year without revalidation, gzip where brotli is refused', async () => {
    const assets = firstPageAssets();
    expect(assets.length).toBeGreaterThan(0);
    for (const asset of assets) {
      const res = await get(asset, 'br;q=0, gzip');
      expect(res.status).toBe(200);
      expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      const raw = fs.readFileSync(path.join(WEB_ROOT, asset));
      const body = res.headers['content-encoding'] === 'gzip' ? zlib.gunzipSync(res.body) : res.body;
      expect(body.equals(raw)).toBe(true);
    }
  });

  it('a client that asks for no encoding gets the file as built', async () => {
    const [asset] = firstPageAssets();
    const res = await get(asset);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.body.equals(fs.readFileSync(path.join(WEB_ROOT, asset)))).toBe(true);
    expect(Number(res.headers['content-length'])).toBe(res.body.length);
  });

  it('the first page travels in under a third of its built size', async () => {
    let raw = 0;
    let sent = 0;
    for (const asset of ['/', ...firstPageAssets()]) {
      const res = await get(asset, 'gzip, deflate, br');
      sent += res.body.length;
      raw += asset === '/' ? rawHtml().length : fs.statSync(path.join(WEB_ROOT, asset)).size;
    }
    console.log(`首屏传输：${Math.round(sent / 1024)} KiB（构建大小 ${Math.round(raw / 1024)} KiB）`);
    expect(sent / raw).toBeLessThan(1 / 3);
  });

  it('a newcomer’s login page: the notice is asked for once, early; no fonts or images; the sign-in forms and their schemas come after agreeing', async () => {
    const browser = await openBrowser();
    try {
      const { page } = browser;
      const requests: string[] = [];
      const scripts = new Map<string, string>();
      page.on('request', (r) => requests.push(new URL(r.url()).pathname + new URL(r.url()).search));
      page.on('response', async (r) => {
        if (r.url().endsWith('.js')) scripts.set(new URL(r.url()).pathname, await r.text().catch(() => ''));
      });
      await page.goto(`${server.url}/pages/login/index`);
      await page.getByText('同意并继续', { exact: true }).waitFor();
      const notice = requests.filter((u) => u.startsWith('/trpc/consents.current'));
      // One request: the one index.html starts before the scripts, handed to the tRPC client.
      expect(notice).toHaveLength(1);
      // …and before any script the entry loads later (the page's own chunks): not after the scripts ran.
      const entry = new Set(firstPageAssets());
      const firstLater = requests.findIndex((u) => u.startsWith('/js/') && !entry.has(u));
      expect(firstLater).toBeGreaterThan(0);
      expect(requests.indexOf(notice[0])).toBeLessThan(firstLater);
      expect(requests.filter((u) => /\.(woff2?|ttf|otf|png|jpe?g|gif|webp|svg)$/.test(u))).toEqual([]);
      // zod's schema classes (the forms' validation) are not among the scripts the notice needed.
      const hasZodSchemas = () => [...scripts.values()].some((text) => text.includes('"ZodString"'));
      await page.waitForLoadState('networkidle');
      expect(hasZodSchemas()).toBe(false);
      await page.getByText('同意并继续', { exact: true }).click();
      await page.locator('input[placeholder="请输入用户名"]').waitFor();
      await page.waitForLoadState('networkidle');
      expect(hasZodSchemas()).toBe(true);
    } finally {
      await browser.close();
    }
  }, 60_000);
});
