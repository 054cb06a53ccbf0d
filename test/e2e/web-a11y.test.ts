/**
 * Every page of the web build, as every kind of user meets it, checked with axe-core in real Chromium against
 * the real server (demo mode): the anonymous visitor, a demo parent, the demo school's coordinator, teacher and
 * counsellor, 哈尔滨市妇联 and the province admin. The pages come from client/app.config.ts (a new page is walked
 * without touching this file); pages that need an id get a real one from the demo data. Each page is checked
 * at phone size (390×844) and at 200% zoom (half the CSS width, as web-help.test.ts does it), the desk pages
 * (packageAdmin) also at a desk computer's 1366×900: 0 serious or critical violations of WCAG 2.1 A/AA and
 * best practice. A page a role is not meant to use shows its refusal (or sends to the login or home page,
 * which is then checked where it lands): that is checked too. No axe rule is disabled.
 *
 * Then 关怀模式 (care mode): a parent turns it on with the toggle on the home page, and on every page text is at
 * least 18 CSS px and every tap target at least 48 px tall (computed in Chromium), still with no violations;
 * the choice is remembered, and turning it off restores the standard sizes.
 *
 * One Chromium; each role has a context (its own storage, so its own sign-in) and one page; a few roles are
 * walked side by side.
 */
import { createHash } from 'node:crypto';
import type { Browser as PlaywrightBrowser, BrowserContext, Page, Request } from 'playwright-core';
import type { TestApp } from '../helpers/test-app';
import { openSharedBrowser } from '../helpers/browser';
import { startWebApp, type WebApp } from '../helpers/web-app';
import { signInAsDemoParent, signInAsStaff } from '../helpers/web-login';
import { checklistAnswers, publishedChecklists } from '../helpers/builders';
import {
  DEMO_ADMIN_USERNAME,
  DEMO_COORDINATOR_USERNAME,
  DEMO_COUNSELOR_USERNAME,
  DEMO_FEDERATION_HARBIN_USERNAME,
  DEMO_PASSWORD,
  DEMO_TEACHER_USERNAME,
  demoParentOpenid,
  findDemoSchoolId,
} from '../../prisma/seed/demo-ids';

// Demo parents with a family at the demo school that no other test uses: one walks every page, the other
// turns 关怀模式 on.
const PARENT = 8;
const CARE_PARENT = 9;

type Size = { width: number; height: number };
const PHONE: Size = { width: 390, height: 844 };
const ZOOM_200: Size = { width: 195, height: 422 };
const DESK: Size = { width: 1366, height: 900 };

/** How many roles are walked at the same time (each in its own context of the one browser). */
const LANES = 3;

let web: WebApp;
let app: TestApp;
let browser: PlaywrightBrowser;
/** Every page of the app, e.g. 'packageParent/session/index', in app.config.ts's order. */
let routes: string[];
/** The queries a page is opened with when it needs some (real ids from the demo data); others open bare. */
let queries: Record<string, string[]>;

/** The pages registered in client/app.config.ts, as the web build has them (desk pages included). */
async function appPages(): Promise<string[]> {
  const taroEnv = process.env.TARO_ENV;
  process.env.TARO_ENV = 'h5';
  Object.assign(globalThis, { defineAppConfig: (c: unknown) => c });
  try {
    const config = (await import('../../client/app.config')).default as {
      pages: string[];
      subPackages?: { root: string; pages: string[] }[];
    };
    return [...config.pages, ...(config.subPackages ?? []).flatMap((s) => s.pages.map((p) => `${s.root}/${p}`))];
  } finally {
    process.env.TARO_ENV = taroEnv;
  }
}

/** Real ids for the pages that need one; the parent's shared crisis-signs result is made here (through tRPC). */
async function demoIds(): Promise<Record<string, string[]>> {
  const { db } = app;
  const school = await findDemoSchoolId(db);
  if (!school) throw new Error('no demo school');
  const parentUser = await db.user.findUniqueOrThrow({ where: { openid: demoParentOpenid(PARENT) } });
  const guardian = await db.guardian.findUniqueOrThrow({
    where: { userId: parentUser.id },
    select: { family: { select: { children: { select: { id: true }, take: 1 } } } },
  });
  const childId = guardian.family.children[0].id;
  const session = await db.guidanceSession.findFirstOrThrow({
    where: { orgUnitId: school, startsAt: { gt: new Date() } },
    select: { id: true },
  });
  const lesson = await db.lesson.findFirstOrThrow({ where: { published: true }, select: { id: true } });
  const visit = await db.visit.findFirstOrThrow({ where: { window: { orgUnitId: school } }, select: { id: true } });
  // The demo data has no checklist responses: the parent answers one (a result page) and shares it (a referral).
  const { crisis } = await publishedChecklists(db);
  const grant = async (scope: 'privacy:basic' | 'sensitive:checklist') => {
    const caller = app.caller(await app.as(parentUser.id)); // signed in afresh: the consents so far count
    const text = (await caller.consents.current()).find((t) => t.scope === scope)!;
    await caller.consents.grant({ scope, textVersion: text.textVersion });
  };
  await grant('privacy:basic');
  await grant('sensitive:checklist');
  const submitted = await app.caller(await app.as(parentUser.id)).checklists.submit({
    checklistId: crisis,
    childId,
    answers: await checklistAnswers(db, crisis, { c02: 1 }),
    shareWithSchool: true,
  });
  const referral = await db.referral.findUniqueOrThrow({
    where: { responseId: submitted.responseId },
    select: { id: true },
  });
  return {
    'packageParent/session/index': [`id=${session.id}`],
    'packageParent/lesson/index': [`id=${lesson.id}`],
    // A new session, and an existing one.
    'packageStaff/session-edit/index': ['', `id=${session.id}`],
    'packageStaff/session-live/index': [`id=${session.id}`],
    'packageStaff/roster/index': [`id=${session.id}`],
    'packageVisits/record/index': [`id=${visit.id}`],
    'packageChecklists/answer/index': [`checklistId=${crisis}&childId=${childId}`],
    'packageChecklists/result/index': [`responseId=${submitted.responseId}`],
    'packageChecklists/referral/index': [`id=${referral.id}`],
  };
}

beforeAll(async () => {
  web = await startWebApp(0);
  app = web.app;
  browser = await openSharedBrowser();
  routes = await appPages();
  queries = await demoIds();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await web?.close();
});

interface RolePage {
  context: BrowserContext;
  page: Page;
  /** tRPC calls under way. */
  inflight(): number;
  errors: string[];
  size: Size;
}

/** A context of its own (storage, so sign-in) with axe-core in every document (the CSP bypassed for axe only). */
async function openRolePage(): Promise<RolePage> {
  const context = await browser.newContext({ bypassCSP: true, viewport: PHONE, locale: 'zh-CN' });
  await context.addInitScript({ path: require.resolve('axe-core/axe.min.js') });
  const page = await context.newPage();
  const inflight = new Set<Request>();
  const done = (r: Request) => inflight.delete(r);
  page.on('request', (r) => {
    if (new URL(r.url()).pathname.startsWith('/trpc/')) inflight.add(r);
  });
  page.on('requestfinished', done);
  page.on('requestfailed', done);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return { context, page, inflight: () => inflight.size, errors, size: PHONE };
}

/** The page has slid in, shows no loading state, asks nothing of the server and has stopped changing. */
async function settle(p: RolePage) {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const quiet = await p.page.evaluate(
      () =>
        new Promise<boolean>((resolve) => {
          const pages = document.querySelectorAll('.taro_page');
          const current = pages[pages.length - 1] as HTMLElement | undefined;
          if (!current || current.hasAttribute('data-a11y-left')) return resolve(false);
          if (Math.abs(current.getBoundingClientRect().left) >= 1) return resolve(false);
          if (current.querySelector('.loading-state:not(.loading-state--error)')) return resolve(false);
          let changed = false;
          const observer = new MutationObserver(() => (changed = true));
          observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
          setTimeout(() => {
            observer.disconnect();
            resolve(!changed);
          }, 80);
        }),
    );
    if (quiet && p.inflight() === 0) return;
    if (Date.now() > deadline) throw new Error(`${p.page.url()} did not settle`);
    await p.page.waitForTimeout(30);
  }
}

/** Resizes and waits for the web build's root font size (index.html sets it from the width) to follow. */
async function resize(p: RolePage, size: Size) {
  if (p.size === size) return;
  await p.page.setViewportSize(size);
  p.size = size;
  const rem = Math.min(40, Math.max(20, (40 * Math.min(size.width, size.height)) / 750));
  await p.page.waitForFunction((px) => Math.abs(parseFloat(document.documentElement.style.fontSize) - px) < 0.01, rem);
}

type AxeViolation = { id: string; impact: string; nodes: { target: string[]; html: string }[] };

/** axe-core's serious and critical findings on the page (WCAG 2.1 A/AA and best practice). */
async function seriousViolations(page: Page): Promise<string[]> {
  const found = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: unknown[] }> } })
      .axe;
    const r = await axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21aa', 'best-practice'] });
    return r.violations as AxeViolation[];
  });
  return found
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => `${n.target.join(' ')} ${n.html.slice(0, 120)}`).join(' | ')}`);
}

/**
 * The page as axe sees it: its DOM (without Taro's per-visit stamp) and the viewport. Two roles refused the
 * same way get the same page, and axe's answer on it is the same: it is asked once.
 */
async function pageKey(p: RolePage): Promise<string> {
  const html = await p.page.evaluate(() => {
    const pages = document.querySelectorAll('.taro_page');
    return (pages[pages.length - 1]?.outerHTML ?? '').replace(/stamp=\w+/g, '');
  });
  return `${p.size.width}x${p.size.height} ${createHash('sha256').update(html).digest('hex')}`;
}
const checkedPages = new Set<string>();

/**
 * Opens `route` (with `query`) and waits for it; returns the page it landed on (e.g. the login page). Once the
 * app is loaded, the next page is reached as the browser's back and forward buttons reach one (the address
 * changes, then popstate): Taro's router replaces the page, and the app is not loaded again for every page.
 */
async function open(p: RolePage, route: string, query = ''): Promise<string> {
  const path = `/${route}${query ? `?${query}` : ''}`;
  const loaded = await p.page.evaluate(() => document.querySelector('.taro_router') !== null).catch(() => false);
  if (!loaded) {
    await p.page.goto(`${web.http.url}${path}`);
  } else {
    await p.page.evaluate((to) => {
      const pages = document.querySelectorAll('.taro_page');
      pages[pages.length - 1]?.setAttribute('data-a11y-left', ''); // settle() waits for the page that replaces it
      history.pushState(null, '', to);
      window.dispatchEvent(new PopStateEvent('popstate', { state: null }));
    }, path);
  }
  await settle(p);
  return new URL(p.page.url()).pathname.slice(1);
}

interface Role {
  name: string;
  signIn?: (page: Page) => Promise<void>;
}

const parentRole = (n: number): Role => ({
  name: `演示家长${n}`,
  signIn: async (page) => {
    await page.goto(`${web.http.url}/pages/login/index?demoParent=${n}`);
    await signInAsDemoParent(page);
  },
});

const ROLES: Role[] = [
  { name: '访客（未登录）' },
  parentRole(PARENT),
  ...[
    DEMO_COORDINATOR_USERNAME,
    DEMO_TEACHER_USERNAME,
    DEMO_COUNSELOR_USERNAME,
    DEMO_FEDERATION_HARBIN_USERNAME,
    DEMO_ADMIN_USERNAME,
  ].map((username) => ({
    name: username,
    signIn: async (page: Page) => {
      await page.goto(`${web.http.url}/pages/login/index`);
      await signInAsStaff(page, username, DEMO_PASSWORD);
    },
  })),
];

/** Every page for one role, at every size it is used at; the serious violations found. */
async function walk(role: Role): Promise<string[]> {
  const p = await openRolePage();
  const problems: string[] = [];
  try {
    await role.signIn?.(p.page);
    // A page this role is sent away from (to the login page, or home) is checked where it lands, once.
    const checked = new Set<string>();
    for (const route of routes) {
      for (const query of queries[route] ?? ['']) {
        const landed = await open(p, route, query);
        if (landed !== route && checked.has(landed)) continue;
        checked.add(landed);
        const sizes = route.startsWith('packageAdmin/') ? [PHONE, ZOOM_200, DESK] : [PHONE, ZOOM_200];
        // Starting at the size the last page ended at (one resize fewer per page).
        const order = sizes.includes(p.size) ? [p.size, ...sizes.filter((s) => s !== p.size)] : sizes;
        for (const size of order) {
          await resize(p, size);
          const key = await pageKey(p);
          if (checkedPages.has(key)) continue;
          checkedPages.add(key);
          for (const v of await seriousViolations(p.page)) {
            problems.push(`${role.name} ${route}${query ? `?${query}` : ''} → ${landed} @${size.width}: ${v}`);
          }
        }
      }
    }
    problems.push(...p.errors.map((e) => `${role.name}: page error ${e}`));
  } finally {
    await p.context.close();
  }
  return problems;
}

it('every page, for every role, at phone size, 200% zoom and (desk pages) a desk computer: no serious violations', async () => {
  const queue = [...ROLES];
  const problems: string[] = [];
  await Promise.all(
    Array.from({ length: LANES }, async () => {
      for (let role = queue.shift(); role; role = queue.shift()) problems.push(...(await walk(role)));
    }),
  );
  expect(problems).toEqual([]);
  // Every page was looked at, by most roles in a state of its own (refusals shared by several roles count once).
  expect(checkedPages.size).toBeGreaterThan(2 * routes.length);
}, 300_000);

interface Sizes {
  /** Visible text smaller than 18 CSS px: its size and the text. */
  smallText: string[];
  /** Tap targets less than 48 px tall. */
  shortTargets: string[];
  /** The smallest text on the page, in CSS px. */
  minTextPx: number;
}

/** What the user sees on the current page: every visible text's computed size, every tap target's height. */
function measure(page: Page): Promise<Sizes> {
  return page.evaluate(() => {
    const pages = document.querySelectorAll('.taro_page');
    const root = pages[pages.length - 1];
    const shown = (el: Element) => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden';
    };
    const smallText: string[] = [];
    let minTextPx = Infinity;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || !n.textContent?.trim() || !shown(el) || el.closest('[aria-hidden="true"]')) continue;
      const px = parseFloat(getComputedStyle(el).fontSize);
      minTextPx = Math.min(minTextPx, px);
      if (px < 18) smallText.push(`${px.toFixed(1)}px ${n.textContent.trim().slice(0, 20)}`);
    }
    for (const input of Array.from(root.querySelectorAll('input:not([type=hidden]), textarea'))) {
      const px = parseFloat(getComputedStyle(input).fontSize);
      if (shown(input) && px < 18) smallText.push(`${px.toFixed(1)}px <${input.tagName.toLowerCase()}>`);
    }
    const shortTargets: string[] = [];
    const targets = Array.from(
      root.querySelectorAll(
        '[role=button], [role=link], [role=radio], [role=checkbox], [role=switch], a[href], input, textarea',
      ),
    );
    for (const el of targets) {
      // A text field's tap target is its whole field (NutUI's box around the <input>).
      const target = el.closest('.nut-input') ?? el;
      if (!shown(target)) continue;
      const h = target.getBoundingClientRect().height;
      if (h < 47.5) shortTargets.push(`${h.toFixed(1)}px ${(target.textContent ?? '').trim().slice(0, 20)}`);
    }
    return { smallText, shortTargets, minTextPx };
  });
}

it('关怀模式: the home-page toggle makes every page’s text at least 18 px and its tap targets 48 px, and is remembered', async () => {
  const p = await openRolePage();
  try {
    await parentRole(CARE_PARENT).signIn!(p.page);
    const toggle = p.page.getByRole('switch', { name: '关怀模式（大字）' });
    expect(await toggle.getAttribute('aria-checked')).toBe('false');
    // Standard sizes first (a phone's web view: body text about 14.6 px at 390 px wide).
    const before = await measure(p.page);
    expect(before.minTextPx).toBeLessThan(18);
    expect(await p.page.locator('.page--care').count()).toBe(0);

    await toggle.click();
    await p.page.locator('.taro_page:last-child .page.page--care').waitFor();
    expect(await toggle.getAttribute('aria-checked')).toBe('true');
    const home = await measure(p.page);
    expect(home).toEqual({ smallText: [], shortTargets: [], minTextPx: expect.any(Number) });
    expect(home.minTextPx).toBeGreaterThanOrEqual(18);
    // The toggle itself, the entry cards and 退出登录 are among the targets measured.
    const buttons = await p.page
      .locator('.taro_page:last-child .nut-button')
      .evaluateAll((els) => els.map((el) => el.getBoundingClientRect().height));
    expect(buttons.length).toBeGreaterThan(0);
    expect(Math.min(...buttons)).toBeGreaterThanOrEqual(48);

    // Every page follows (walked in care mode: the parent's own pages and the others' refusals), at phone
    // size and at 200% zoom, still with no serious violations (the darker text included).
    const problems: string[] = [];
    for (const route of routes) {
      for (const query of queries[route] ?? ['']) {
        const landed = await open(p, route, query);
        expect([route, await p.page.locator('.taro_page:last-child .page--care').count()]).toEqual([route, 1]);
        for (const size of p.size === PHONE ? [PHONE, ZOOM_200] : [ZOOM_200, PHONE]) {
          await resize(p, size);
          const { smallText, shortTargets } = await measure(p.page);
          const where = `${route} → ${landed} @${size.width}`;
          problems.push(...smallText.map((t) => `${where}: small text ${t}`));
          problems.push(...shortTargets.map((t) => `${where}: short target ${t}`));
          if (size === PHONE) problems.push(...(await seriousViolations(p.page)).map((v) => `${where}: ${v}`));
        }
      }
    }
    expect(problems).toEqual([]);

    // Remembered: a new visit opens in care mode; turned off, the standard sizes are back.
    await resize(p, PHONE);
    await open(p, 'pages/home/index');
    expect(await toggle.getAttribute('aria-checked')).toBe('true');
    await toggle.click();
    await p.page.locator('.taro_page:last-child .page:not(.page--care)').waitFor();
    expect((await measure(p.page)).minTextPx).toBeLessThan(18);
    await open(p, 'pages/home/index');
    expect(await toggle.getAttribute('aria-checked')).toBe('false');
    expect(p.errors).toEqual([]);
  } finally {
    await p.context.close();
  }
}, 180_000);
