/**
 * @jest-environment node
 */
// (Sass reads the stylesheets from disk only outside a browser-like environment.)
// What the design tokens promise the people reading the pages: text colours with WCAG AA contrast on the
// backgrounds they are used on, no text below the smallest size, and colours only from client/styles/tokens.scss.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import * as sass from 'sass';
import * as codeTokens from '../../../client/styles/tokens';

const clientDir = path.resolve(__dirname, '../../../client');
const tokensFile = path.join(clientDir, 'styles/tokens.scss');

/** `$name: value;` lines of tokens.scss; a CSS variable's token is its fallback, the standard value. */
function scssTokens(): Record<string, string> {
  const tokens: Record<string, string> = {};
  for (const m of readFileSync(tokensFile, 'utf8').matchAll(/^\$([\w-]+):\s*([^;]+);/gm)) {
    tokens[m[1]] = m[2].trim().replace(/^var\(--[\w-]+,\s*(.+)\)$/, '$1');
  }
  return tokens;
}

const tokens = scssTokens();
const color = (name: string) => {
  const value = tokens[`color-${name}`];
  if (!value) throw new Error(`no $color-${name} in tokens.scss`);
  return value;
};

/** WCAG 2.1 relative luminance and contrast ratio of two `#rgb` / `#rrggbb` colours. */
function luminance(hex: string): number {
  const h = hex.replace('#', '');
  const full = h.length === 3 ? [...h].map((c) => c + c).join('') : h;
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16) / 255);
  const lin = (c: number) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}
function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

const AA = 4.5;

test('the contrast check itself: black on white is 21:1, #767676 on white just passes AA and #777 does not', () => {
  expect(contrast('#000', '#fff')).toBeCloseTo(21, 5);
  expect(contrast('#767676', '#fff')).toBeGreaterThanOrEqual(AA);
  expect(contrast('#777', '#fff')).toBeLessThan(AA);
});

test('every text colour passes AA on white cards, the page background and sunken panels', () => {
  const texts = [
    'text',
    'text-body',
    'text-secondary',
    'text-muted',
    'link',
    'brand',
    'success',
    'info',
    'warning',
    'danger',
  ];
  for (const text of texts) {
    for (const background of ['surface', 'page', 'surface-sunken']) {
      expect([text, background, contrast(color(text), color(background)) >= AA]).toEqual([text, background, true]);
    }
  }
});

test('each tone reads on its own tint (badges, notices), and muted text on the muted tint', () => {
  const pairs: [string, string][] = [
    ['brand', 'brand-tint'],
    ['success', 'success-tint'],
    ['info', 'info-tint'],
    ['warning', 'warning-tint'],
    ['danger', 'danger-tint'],
    ['text-muted', 'muted-tint'],
    ['success-deep', 'success-tint'],
  ];
  for (const [text, tint] of pairs) {
    expect([text, tint, contrast(color(text), color(tint)) >= AA]).toEqual([text, tint, true]);
  }
});

test('white text passes AA on every strong colour it is drawn on (buttons, banners, result tiers)', () => {
  for (const fill of ['brand', 'brand-deep', 'success', 'success-deep', 'info', 'warning', 'danger']) {
    expect([fill, contrast(color('text-inverse'), color(fill)) >= AA]).toEqual([fill, true]);
  }
});

test('the colours code uses (a native switch, chart series) are the stylesheet tokens', () => {
  expect(codeTokens.BRAND_COLOR).toBe(color('brand'));
  expect(codeTokens.INFO_COLOR).toBe(color('info'));
  expect(codeTokens.SUCCESS_COLOR).toBe(color('success'));
  expect(codeTokens.TEXT_MUTED_COLOR).toBe(color('text-muted'));
});

function stylesheets(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return name === 'dist' ? [] : stylesheets(file);
    return name.endsWith('.scss') ? [file] : [];
  });
}

const sheets = stylesheets(clientDir);

test('no stylesheet but tokens.scss writes a colour of its own', () => {
  expect(sheets.length).toBeGreaterThan(10);
  const literal = /#[0-9a-f]{3,8}\b|rgba?\(|hsla?\(/i;
  const offenders = sheets
    .filter((file) => file !== tokensFile)
    .flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .filter((line) => literal.test(line.replace(/#\{[^}]*\}/g, '')))
        .map((line) => `${path.relative(clientDir, file)}: ${line.trim()}`),
    );
  expect(offenders).toEqual([]);
});

test('no text on any page is smaller than the smallest size of the type scale (24 px at 750 px wide)', () => {
  const sizes = sheets.flatMap((file) => {
    const css = sass.compile(file, { loadPaths: [clientDir] }).css;
    const where = path.relative(clientDir, file);
    return [...css.matchAll(/font-size:\s*(?:var\(--[\w-]+,\s*)?([\d.]+)px/g)].map((m) => ({
      file: where,
      px: Number(m[1]),
    }));
  });
  expect(sizes.length).toBeGreaterThan(50);
  expect(sizes.filter((s) => s.px < 24)).toEqual([]);
});

describe('关怀模式 (client/styles/care-mode.scss on .page--care)', () => {
  const css = sass.compile(path.join(clientDir, 'styles/care-mode.scss'), { loadPaths: [clientDir] }).css;
  const careVars = Object.fromEntries([...css.matchAll(/(--hb-[\w-]+):\s*([^;]+);/g)].map((m) => [m[1], m[2].trim()]));

  test('gives every size of the type scale a care size of at least 36 px (18 CSS px on the web, 36rpx in WeChat)', () => {
    const scale = Object.keys(tokens).filter((name) => name.startsWith('font-size-'));
    expect(scale.length).toBeGreaterThan(8);
    for (const name of scale) {
      const value = careVars[`--hb-${name}`];
      expect([name, value]).toEqual([name, expect.stringMatching(/^\d+px$/)]);
      expect([name, parseFloat(value) >= 36]).toEqual([name, true]);
      // and never smaller than the standard size
      expect([name, parseFloat(value) >= parseFloat(tokens[name])]).toEqual([name, true]);
    }
  });

  test('darkens body, secondary and muted text to at least 7:1 (AAA) on every background, and chips show an outline', () => {
    for (const text of ['text-body', 'text-secondary', 'text-muted']) {
      const value = careVars[`--hb-color-${text}`];
      expect(value).toBe(tokens[`care-color-${text}`]);
      for (const background of ['surface', 'page', 'surface-sunken', 'muted-tint']) {
        expect([text, background, contrast(value, color(background)) >= 7]).toEqual([text, background, true]);
      }
    }
    expect(contrast(careVars['--hb-color-border'], color('surface'))).toBeGreaterThanOrEqual(3);
  });

  test('makes every tap target at least 96 px tall (48 CSS px)', () => {
    expect(tokens['care-tap-target']).toBe('96px');
    for (const selector of ['.nut-button', '.choice-chips__chip', '.care-toggle']) {
      const rule = new RegExp(`\\.page--care[^{]*${selector.replace('.', '\\.')}[^{]*\\{[^}]*min-height:\\s*96px`);
      expect([selector, rule.test(css)]).toEqual([selector, true]);
    }
  });
});
