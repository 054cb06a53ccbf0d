/**
 * Lighthouse 12 (mobile, its default throttling) in Debian's Chromium against the served web build:
 * the login page as a newcomer first opens it (no storage), and a parent's home page once signed in.
 * Part of `npm run bench`; also runnable alone against a server that is already up:
 *   node --import tsx test/bench/lighthouse.ts http://127.0.0.1:3000
 */
import fs from 'node:fs';
import path from 'node:path';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from '../helpers/browser';

export interface LighthousePage {
  name: string;
  performance: number;
  accessibility: number;
  /** Largest contentful paint and total blocking time (ms), and what failed, to act on. */
  lcpMs: number;
  tbtMs: number;
  failedAudits: string[];
}

/** Runs per page; the median one is reported. */
const RUNS = 3;

const CHROME_FLAGS = ['--headless=new', ...CHROMIUM_FLAGS, '--lang=zh-CN'];
/** Clicks the element whose own text is exactly `text` (as the e2e tests' getByText(exact)), once it is there. */
async function clickText(page: import('puppeteer-core').Page, text: string) {
  const found = await page.waitForFunction(
    (t: string) =>
      Array.from(document.querySelectorAll<HTMLElement>('body *')).find(
        (e) =>
          e.textContent?.trim() === t &&
          e.offsetParent !== null &&
          !Array.from(e.children).some((c) => c.textContent?.trim() === t),
      ) ?? null,
    { timeout: 30_000 },
    text,
  );
  await (found as import('puppeteer-core').ElementHandle<HTMLElement>).click();
}

/** `baseUrl` serves the web build in demo mode (the demo parent's sign-in needs it). */
export async function lighthouseRun(baseUrl: string): Promise<(LighthousePage & { runs: number[] })[]> {
  // Lighthouse is an ES module; chrome-launcher and puppeteer-core come with it.
  const { default: lighthouse } = await import('lighthouse');
  const chromeLauncher = await import('chrome-launcher');
  const puppeteer = (await import('puppeteer-core')).default;
  const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM_PATH, chromeFlags: CHROME_FLAGS });
  const browser = await puppeteer.connect({ browserURL: `http://127.0.0.1:${chrome.port}` });
  const flags = {
    port: chrome.port,
    output: 'json' as const,
    logLevel: 'error' as const,
    onlyCategories: ['performance', 'accessibility'],
    formFactor: 'mobile' as const,
    locale: 'zh' as const,
  };
  const measure = async (name: string, url: string, page?: import('puppeteer-core').Page) => {
    const result = await lighthouse(url, page ? { ...flags, disableStorageReset: true } : flags, undefined, page);
    if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
    const { lhr } = result;
    // LIGHTHOUSE_DIR: keep each page's whole report (open it in https://googlechrome.github.io/lighthouse/viewer/ or read the JSON).
    if (process.env.LIGHTHOUSE_DIR) {
      fs.mkdirSync(process.env.LIGHTHOUSE_DIR, { recursive: true });
      fs.writeFileSync(path.join(process.env.LIGHTHOUSE_DIR, `${name}.json`), JSON.stringify(lhr));
    }
    if (lhr.runtimeError) throw new Error(`Lighthouse: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
    const score = (c: string) => Math.round((lhr.categories[c]?.score ?? 0) * 100);
    const failedAudits = Object.values(lhr.categories)
      .flatMap((c) => c.auditRefs)
      .map((r) => lhr.audits[r.id])
      .filter((a) => a && a.score !== null && a.score < 0.9 && a.scoreDisplayMode !== 'informative')
      .map((a) => a.id);
    return {
      name,
      performance: score('performance'),
      accessibility: score('accessibility'),
      lcpMs: Math.round(lhr.audits['largest-contentful-paint']?.numericValue ?? 0),
      tbtMs: Math.round(lhr.audits['total-blocking-time']?.numericValue ?? 0),
      failedAudits: [...new Set(failedAudits)],
    };
  };
  /**
   * Lighthouse's own advice on variability: run several times and take the median run (by performance
   * score); a single run of a page on a busy two-core machine swings by several points.
   */
  const median = async (run: () => Promise<LighthousePage>) => {
    const runs: LighthousePage[] = [];
    for (let i = 0; i < RUNS; i += 1) runs.push(await run());
    runs.sort((x, y) => x.performance - y.performance);
    const mid = runs[Math.floor(runs.length / 2)];
    return { ...mid, runs: runs.map((r) => r.performance) };
  };
  try {
    const results: (LighthousePage & { runs: number[] })[] = [];
    // A newcomer: nothing stored, the privacy notice first.
    results.push(await median(() => measure('login', `${baseUrl}/pages/login/index`)));
    // A parent, signed in as the demo parent through the page itself, then their home page.
    const page = await browser.newPage();
    await page.goto(`${baseUrl}/pages/login/index?demoParent=1`, { waitUntil: 'networkidle0' });
    await clickText(page, '同意并继续');
    await clickText(page, '演示家长登录');
    await page.waitForFunction(() => document.body.innerText.includes('退出登录'), { timeout: 30_000 });
    // Their home page as it loads with nothing cached (the sign-in kept, the browser's cache emptied).
    results.push(
      await median(async () => {
        const cdp = await page.createCDPSession();
        await cdp.send('Network.clearBrowserCache');
        await cdp.detach();
        return measure('parentHome', `${baseUrl}/pages/home/index`, page);
      }),
    );
    return results;
  } finally {
    await browser.disconnect();
    chrome.kill();
  }
}

if (require.main === module) {
  lighthouseRun(process.argv[2] ?? 'http://127.0.0.1:3000').then(
    (r) => console.log(JSON.stringify(r, null, 2)),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
