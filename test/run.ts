/**
 * `npm test`: every test, against real parts.
 *  0. lints (ESLint, no warnings allowed) and checks the formatting (Prettier) of the whole tree;
 *     SKIP_LINT=1 skips both, for a developer iterating on a few tests (CI never sets it);
 *  1. makes sure PostgreSQL answers on 127.0.0.1:5432;
 *  2. creates a database for this run, migrates it and loads the demo province;
 *  3. type-checks everything and builds the weapp and the web app (the e2e tests load them;
 *     SKIP_BUILD=1 skips both and reuses the last build);
 *  4. runs jest (arguments are passed on, e.g. `npm test -- test/unit`);
 *  5. drops the database, whatever happened.
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createScratchDatabase, dropScratchDatabase, pgReachable } from './helpers/pg-admin';
import { runMigrations } from '../server/db/run-migrations';
import { createDb } from '../server/db/create-db';
import { seedDemo } from '../prisma/seed/demo-data';

const root = path.resolve(__dirname, '..');

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, stdio: 'inherit', env });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

/** ESLint, then Prettier; both cache their results in node_modules/.cache, keyed by file content. */
async function lint() {
  if (process.env.SKIP_LINT === '1') return;
  // Neither package exports its bin script, so resolve it from the package folder.
  const bin = (pkg: string, file: string) => path.join(path.dirname(require.resolve(`${pkg}/package.json`)), file);
  const cache = path.join(root, 'node_modules', '.cache');
  const cacheArgs = (location: string) => ['--cache', '--cache-strategy', 'content', '--cache-location', location];
  console.log('代码检查（ESLint）…');
  const eslint = [bin('eslint', 'bin/eslint.js'), '.', '--max-warnings', '0', ...cacheArgs(`${cache}/eslint/`)];
  if ((await run(process.execPath, eslint)) !== 0) {
    throw new Error('代码检查失败（ESLint）：请按上面的提示修改，`npx eslint . --fix` 可自动修正一部分');
  }
  console.log('格式检查（Prettier）…');
  const prettier = [bin('prettier', 'bin/prettier.cjs'), '--check', '.', '--log-level', 'warn'];
  if ((await run(process.execPath, [...prettier, ...cacheArgs(`${cache}/prettier/.prettier-cache`)])) !== 0) {
    throw new Error('格式检查失败（Prettier）：运行 `npm run format` 修正上面列出的文件');
  }
}

async function ensurePostgres() {
  if (await pgReachable()) return;
  console.log('PostgreSQL 未响应，尝试启动本机集群…');
  const versions = fs.existsSync('/etc/postgresql') ? fs.readdirSync('/etc/postgresql') : [];
  for (const v of versions) {
    spawnSync('pg_ctlcluster', ['--skip-systemctl-redirect', v, 'main', 'start'], { stdio: 'inherit' });
  }
  for (let i = 0; i < 30 && !(await pgReachable()); i += 1) await new Promise((r) => setTimeout(r, 1000));
  if (!(await pgReachable())) throw new Error('PostgreSQL 在 127.0.0.1:5432 不可用（可设置 TEST_PG_ADMIN_URL）');
}

/**
 * The server's logs of the whole run must hold no tokens, passwords, session keys, answers, phone
 * numbers or openids. Returns a message when they do (or when there are too few lines to tell).
 */
function checkLogs(file: string): string | null {
  if (!fs.existsSync(file)) return null; // a partial run (e.g. only unit tests) starts no server
  const text = fs.readFileSync(file, 'utf8');
  const lines = text.split('\n').filter(Boolean);
  const forbidden: [string, RegExp][] = [
    ['登录令牌', /Bearer\s+[A-Za-z0-9_-]{16,}|"token":"[A-Za-z0-9_-]{20,}"/],
    ['密码', /demo12345|right-pass-1|"password":"(?!\[已隐去\])/],
    ['session_key', /session_key/],
    ['清单答案', /"answers":\{|"answersEnc"/],
    ['手机号', /(?<!\d)1[3-9]\d{9}(?!\d)/],
    ['openid', /openid-[A-Za-z0-9_-]+/],
  ];
  const found = forbidden.filter(([, re]) => re.test(text)).map(([name]) => name);
  if (found.length > 0) return `服务端日志中出现了不应记录的内容：${found.join('、')}（${file}）`;
  console.log(`日志检查：${lines.length} 行服务端日志，未发现令牌、密码、答案、手机号或 openid。`);
  fs.rmSync(file, { force: true });
  return null;
}

async function main(): Promise<number> {
  await lint();
  // A data key of this run's own (the server refuses to start without one outside an explicit demo).
  process.env.DATA_KEYS ??= `test:${randomBytes(32).toString('base64')}`;
  process.env.DATA_KEY_ID ??= 'test';
  await ensurePostgres();
  const db = await createScratchDatabase();
  console.log(`测试数据库：${db.name}`);
  try {
    await runMigrations(db.url);
    const handle = createDb(db.url, { poolSize: 2 });
    try {
      await seedDemo(handle.db);
    } finally {
      await handle.close();
    }
    if (process.env.SKIP_BUILD !== '1') {
      console.log('类型检查…');
      const tsc = require.resolve('typescript/bin/tsc');
      if ((await run(process.execPath, [tsc, '--noEmit', '-p', 'tsconfig.json'])) !== 0) {
        throw new Error('类型检查失败');
      }
      const taro = require.resolve('@tarojs/cli/bin/taro');
      for (const type of ['weapp', 'h5']) {
        console.log(`构建 ${type}…`);
        const code = await run(process.execPath, [taro, 'build', '--type', type], {
          ...process.env,
          NODE_ENV: 'production',
        });
        if (code !== 0) throw new Error(`构建 ${type} 失败`);
      }
    }
    const resultFile = path.join(os.tmpdir(), `hb-jest-${process.pid}.json`);
    const logFile = path.join(os.tmpdir(), `hb-test-server-${process.pid}.log`);
    fs.rmSync(logFile, { force: true });
    const code = await run(
      process.execPath,
      [
        require.resolve('jest/bin/jest'),
        '--config',
        path.join(root, 'test', 'jest.config.js'),
        '--json',
        `--outputFile=${resultFile}`,
        ...process.argv.slice(2),
      ],
      { ...process.env, TEST_DATABASE_URL: db.url, TZ: 'Asia/Shanghai', HB_LOG_FILE: logFile },
    );
    const leaks = checkLogs(logFile);
    if (leaks) {
      console.error(leaks);
      return 1;
    }
    if (fs.existsSync(resultFile)) {
      const r = JSON.parse(fs.readFileSync(resultFile, 'utf8'));
      fs.rmSync(resultFile, { force: true });
      // A plain closing line that any CI can read.
      console.log(`\nTests: ${r.numPassedTests} passed, ${r.numFailedTests} failed`);
      if (r.numTotalTests === 0) return 1;
    }
    return code;
  } finally {
    await dropScratchDatabase(db.name).catch((e: Error) => console.error(`删除测试数据库失败：${e.message}`));
  }
}

main().then(
  (code) => process.exit(code),
  (err: Error) => {
    console.error(`测试未能运行：${err.message}`);
    process.exit(1);
  },
);
