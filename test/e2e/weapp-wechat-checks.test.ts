/**
 * WeChat's own checks on the built mini program, offline, through miniprogram-ci (the package WeChat
 * DevTools' checks come from): the code-quality scan DevTools runs before an upload, and WeChat's compiler
 * (wcc/wcsc). They run in a process of their own (test/helpers/wechat-checks.ts); the compiler's preset
 * project attributes (../shared/docs/stack.md) keep it offline, and it only logs two failed look-ups.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const projectPath = path.resolve(__dirname, '..', '..', 'client', 'dist', 'weapp');

interface ChecksResult {
  quality: { name: string; success: boolean }[];
  compiledFiles: string[];
  error?: string;
}

let result: ChecksResult;
beforeAll(() => {
  const resultFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'hb-wechat-')), 'result.json');
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', path.join(__dirname, '..', 'helpers', 'wechat-checks.ts'), projectPath, resultFile],
    { stdio: 'ignore', timeout: 300_000 },
  );
  expect(fs.existsSync(resultFile)).toBe(true);
  result = JSON.parse(fs.readFileSync(resultFile, 'utf8')) as ChecksResult;
  expect([run.status, result.error]).toEqual([0, undefined]);
}, 320_000);

it('passes every item of WeChat’s code-quality scan (compression, lazy code loading, package size…)', () => {
  // The scan's items as of miniprogram-ci 2.1: all of them must pass, not a chosen few.
  expect(result.quality.map((i) => i.name)).toEqual(
    expect.arrayContaining([
      'PACKAGE_SIZE_LIMIT',
      'JS_COMPRESS_OPEN',
      'WXML_COMPRESS_OPEN',
      'WXSS_COMPRESS_OPEN',
      'LAZYCODE_LOADING_OPEN',
      'CONTAINS_UNUSED_CODES',
    ]),
  );
  expect(result.quality.filter((i) => !i.success).map((i) => i.name)).toEqual([]);
});

it('compiles with WeChat’s own compiler, every page included', () => {
  const app = JSON.parse(fs.readFileSync(path.join(projectPath, 'app.json'), 'utf8')) as {
    pages: string[];
    subPackages: { root: string; pages: string[] }[];
  };
  const pages = [...app.pages, ...app.subPackages.flatMap((s) => s.pages.map((page) => `${s.root}/${page}`))];
  const files = result.compiledFiles;
  // Every page's template and script are in the compiler's output.
  for (const page of pages) {
    expect([page, files.some((f) => f.startsWith(page) && f.endsWith('.wxml'))]).toEqual([page, true]);
    expect([page, files.some((f) => f.startsWith(page) && f.endsWith('.js'))]).toEqual([page, true]);
  }
  expect(files.length).toBeGreaterThan(200);
});
