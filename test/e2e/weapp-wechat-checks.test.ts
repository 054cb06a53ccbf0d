/**
 * WeChat's own checks on the built mini program, offline, through miniprogram-ci (the package WeChat
 * DevTools' checks come from): the code-quality scan DevTools runs before an upload, and WeChat's compiler
 * (wcc/wcsc). The compiler first asks WeChat's servers for the project's attributes; they are preset here
 * (../shared/docs/stack.md), so it compiles locally and only logs two failed look-ups.
 */
import fs from 'node:fs';
import path from 'node:path';
import * as ci from 'miniprogram-ci';

const projectPath = path.resolve(__dirname, '..', '..', 'client', 'dist', 'weapp');

function project() {
  return new ci.Project({
    appid: 'wx0000000000000000',
    type: 'miniProgram',
    projectPath,
    // Never used: nothing is uploaded. The constructor requires a key.
    privateKey: 'offline',
    ignores: ['node_modules/**/*'],
  });
}

it('passes every item of WeChat’s code-quality scan (compression, lazy code loading, package size…)', async () => {
  const items = (await ci.checkCodeQuality(project())) as { name: string; success: boolean }[];
  // The scan's items as of miniprogram-ci 2.1: all of them, not a chosen few.
  expect(items.map((i) => i.name)).toEqual(
    expect.arrayContaining([
      'PACKAGE_SIZE_LIMIT',
      'JS_COMPRESS_OPEN',
      'WXML_COMPRESS_OPEN',
      'WXSS_COMPRESS_OPEN',
      'LAZYCODE_LOADING_OPEN',
      'CONTAINS_UNUSED_CODES',
    ]),
  );
  expect(items.filter((i) => !i.success).map((i) => i.name)).toEqual([]);
}, 120_000);

it('compiles with WeChat’s own compiler, every page included', async () => {
  const p = project();
  (p as unknown as { _attr: unknown })._attr = ci.DefaultProjectAttr;
  // The typings ask for an upload's `version`; compiling needs none.
  const compiled = (await ci.getCompiledResult({
    project: p,
    version: '0.0.0',
    setting: { es6: true, minify: true },
  })) as Record<string, unknown>;
  const app = JSON.parse(fs.readFileSync(path.join(projectPath, 'app.json'), 'utf8')) as {
    pages: string[];
    subPackages: { root: string; pages: string[] }[];
  };
  const pages = [...app.pages, ...app.subPackages.flatMap((s) => s.pages.map((page) => `${s.root}/${page}`))];
  const files = Object.keys(compiled);
  // Every page's template and script are in the compiler's output.
  for (const page of pages) {
    expect([page, files.some((f) => f.startsWith(page) && f.endsWith('.wxml'))]).toEqual([page, true]);
    expect([page, files.some((f) => f.startsWith(page) && f.endsWith('.js'))]).toEqual([page, true]);
  }
  expect(files.length).toBeGreaterThan(200);
}, 240_000);
