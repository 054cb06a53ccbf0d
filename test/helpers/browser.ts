import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser as PlaywrightBrowser, type BrowserContext, type Page } from 'playwright-core';

/** Debian's Chromium (installed by .ci/run), driven by playwright-core; never a downloaded browser. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** How every Chromium of the tests and the bench runs: no sandbox (root in CI), and nothing fetched from outside. */
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Browser {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/**
 * A Chromium of its own. `bypassCSP` only for tests that inject axe-core (our CSP rightly refuses injected
 * scripts); `viewport` defaults to a phone.
 */
export async function openBrowser(
  opts: { bypassCSP?: boolean; viewport?: { width: number; height: number } } = {},
): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM_PATH))
    throw new Error(`找不到 Chromium：${CHROMIUM_PATH}（apt-get install -y chromium）`);
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'hb-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    locale: 'zh-CN',
    viewport: opts.viewport ?? { width: 414, height: 860 },
    bypassCSP: opts.bypassCSP ?? false,
    args: ['--headless', ...CHROMIUM_FLAGS],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    async close() {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * One Chromium for many people at once: each `newContext()` has storage of its own (its own sign-in), without
 * starting another browser. Playwright gives the browser a fresh temporary profile of its own.
 */
export async function openSharedBrowser(): Promise<PlaywrightBrowser> {
  if (!fs.existsSync(CHROMIUM_PATH))
    throw new Error(`找不到 Chromium：${CHROMIUM_PATH}（apt-get install -y chromium）`);
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: ['--headless', ...CHROMIUM_FLAGS] });
}

/** Saves a screenshot under test/.artifacts (ignored by git) when a test wants evidence. */
export async function screenshot(page: Page, name: string) {
  const dir = path.resolve(__dirname, '..', '.artifacts');
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}

/**
 * A screenshot once Taro's page slide-in has finished. `tall`: the whole page (Taro scrolls inside its
 * own container, so the viewport is stretched for the shot).
 */
export async function settledScreenshot(page: Page, name: string, opts: { tall?: boolean } = {}) {
  await page.waitForFunction(() => {
    const pages = document.querySelectorAll('.taro_page');
    const current = pages[pages.length - 1];
    return !current || Math.abs(current.getBoundingClientRect().left) < 1;
  });
  const viewport = page.viewportSize();
  // Taller, at the width the page is used at (a phone's, or a desk computer's).
  if (opts.tall) await page.setViewportSize({ width: viewport?.width ?? 414, height: 3200 });
  await screenshot(page, name);
  if (opts.tall && viewport) await page.setViewportSize(viewport);
}
