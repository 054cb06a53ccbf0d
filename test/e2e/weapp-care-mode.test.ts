/**
 * 关怀模式 (care mode) in the BUILT mini program, run in the bare WeChat-like vm (test/helpers/weapp-runtime), against
 * the real server: WeChat's font size (getSystemInfoSync().fontSizeSetting) larger than standard turns it on, so
 * the page's root carries `page--care` (whose stylesheet makes every text at least 36rpx and every button 96rpx
 * tall); at the standard 16 it is off; and the choice made with the toggle on the home page, remembered in
 * storage, wins over WeChat's setting either way.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createTestApp, listen, type TestApp } from '../helpers/test-app';
import { WeappRuntime } from '../helpers/weapp-runtime/weapp-runtime';

const distDir = path.resolve(__dirname, '../../client/dist/weapp');
const CARE_MODE_KEY = 'heartbridge.careMode';

let app: TestApp;
let server: { url: string; close(): Promise<void> };
const runtimes: WeappRuntime[] = [];

beforeAll(async () => {
  if (!fs.existsSync(path.join(distDir, 'app.js')))
    throw new Error('client/dist/weapp is missing: run `npm run build:weapp` (npm test builds it)');
  app = await createTestApp();
  server = await listen(app);
});

afterAll(async () => {
  for (const rt of runtimes) rt.dispose();
  await server?.close();
  await app?.close();
});

function start(opts: { fontSizeSetting: number; storage?: Record<string, unknown>; code?: string }): WeappRuntime {
  const code = opts.code ?? `vm-care-${randomBytes(6).toString('hex')}`;
  const rt = new WeappRuntime({
    distDir,
    serverUrl: server.url,
    loginCode: () => code,
    fontSizeSetting: opts.fontSizeSetting,
    storage: opts.storage,
  });
  runtimes.push(rt);
  return rt;
}

/** The class list of the current page's root (PageShell's outermost view, class `page`). */
function rootClasses(rt: WeappRuntime): string[] {
  for (const { node } of rt.view.elements(rt.currentPage.data.root ?? {})) {
    const classes = String(rt.view.attr(node, 'class') ?? '').split(/\s+/);
    if (classes.includes('page')) return classes;
  }
  throw new Error(`no page root on ${rt.currentPage.route}`);
}

/** Waits until the current page has rendered its root. */
const rendered = (rt: WeappRuntime, route: string) =>
  rt.waitFor(() => rt.currentPage.route === route && rt.text().length > 0 && rootClasses(rt), `${route} rendered`);

it('the stylesheet of .page--care: every text size at least 36rpx, every button at least 96rpx tall', () => {
  const css = ['app-origin.wxss', 'app.wxss', 'common.wxss']
    .map((f) => path.join(distDir, f))
    .filter((f) => fs.existsSync(f))
    .map((f) => fs.readFileSync(f, 'utf8'))
    .join('\n');
  const care = css.match(/\.page--care\{([^}]*)\}/)?.[1] ?? '';
  const sizes = [...care.matchAll(/--hb-font-size-[\w-]+:(\d+)rpx/g)].map((m) => Number(m[1]));
  expect(sizes.length).toBeGreaterThan(8);
  expect(Math.min(...sizes)).toBeGreaterThanOrEqual(36);
  expect(css).toMatch(/\.page--care \.nut-button\{[^}]*min-height:96rpx/);
});

it('WeChat’s font size 22 turns care mode on, 16 leaves it off, and the toggle’s stored choice wins', async () => {
  // ── Larger text in WeChat (22 px): the very first page, before any sign-in, is in care mode.
  const large = start({ fontSizeSetting: 22 });
  await large.launch();
  const agree = await large.waitForText('同意并继续');
  expect(large.currentPage.route).toBe('pages/login/index');
  expect(rootClasses(large)).toContain('page--care');
  large.tap(agree);
  large.tap(await large.waitForText('微信一键登录'));
  await rendered(large, 'pages/home/index');
  await large.waitForText('关怀模式（大字）');
  expect(rootClasses(large)).toContain('page--care');
  expect(large.text()).toContain('已开启');

  // WeChat's screen reader hears a switch that is on, named 关怀模式（大字） (aria-role, not the web's role).
  const toggle = large.byAttr('aria-role', 'switch');
  expect(toggle).toBeDefined();
  expect(large.view.attr(toggle!.node, 'aria-label')).toBe('关怀模式（大字）');
  expect(large.view.attr(toggle!.node, 'aria-checked')).toBe('true');

  // The toggle turns it off on this page at once, and the choice is stored.
  large.tap(large.byText('关怀模式（大字）')!);
  await large.waitFor(() => !rootClasses(large).includes('page--care'), 'care mode off');
  expect(large.view.attr(large.byAttr('aria-role', 'switch')!.node, 'aria-checked')).toBe('false');
  expect(large.records.storage.get(CARE_MODE_KEY)).toBe('off');
  expect(large.errors).toEqual([]);

  // ── Next visit, WeChat still at 22: the stored "off" wins (signed in already, straight to home).
  const storage = Object.fromEntries(large.records.storage);
  const again = start({ fontSizeSetting: 22, storage });
  await again.launch();
  await rendered(again, 'pages/home/index');
  await again.waitForText('关怀模式（大字）');
  expect(rootClasses(again)).not.toContain('page--care');
  // …and turning it back on is remembered too.
  again.tap(again.byText('关怀模式（大字）')!);
  await again.waitFor(() => rootClasses(again).includes('page--care'), 'care mode on');
  expect(again.records.storage.get(CARE_MODE_KEY)).toBe('on');

  // ── Standard text (16 px), nothing stored: off.
  const standard = start({ fontSizeSetting: 16 });
  await standard.launch();
  await standard.waitForText('同意并继续');
  expect(rootClasses(standard)).not.toContain('page--care');

  // ── Standard text, but "on" chosen earlier on this phone: on, on every page (the help card too).
  const chosen = start({ fontSizeSetting: 16, storage: { [CARE_MODE_KEY]: 'on' } });
  await chosen.launch();
  await chosen.waitForText('同意并继续');
  expect(rootClasses(chosen)).toContain('page--care');
  chosen.tap(await chosen.waitForText('求助热线 12356'));
  await rendered(chosen, 'pages/help/index');
  expect(rootClasses(chosen)).toContain('page--care');

  for (const rt of [large, again, standard, chosen]) {
    expect(rt.errors).toEqual([]);
    expect([...rt.view.missing]).toEqual([]);
  }
});
