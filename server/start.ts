/**
 * `npm start`: the whole product on one machine, no database server needed.
 *  1. migrates the database (embedded PGlite unless DATABASE_URL=postgresql://…);
 *  2. loads the demo province when the database is empty;
 *  3. starts the fake WeChat API on loopback (unless WECHAT_API_BASE is set);
 *  4. builds the web app once if it has not been built;
 *  5. serves the API and the web app, and prints the URL and the demo accounts.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { loadEnv } from './env';
import { runMigrations } from './db/run-migrations';
import { parseDatabaseUrl } from './db/database-url';
import { createDb } from './db/create-db';
import { startFakeWechat } from './wechat/fake-wechat-server';
import { FAKE_SMS, startFakeSms } from './sms/fake-sms-server';
import { startServer } from './main';
import { seedDemo } from '../prisma/seed/demo-data';

const root = path.resolve(__dirname, '..');

function describeDatabase(url: string | undefined): string {
  const target = parseDatabaseUrl(url, root);
  return target.kind === 'postgres'
    ? `PostgreSQL（${new URL(target.url).host}${new URL(target.url).pathname}）`
    : `内置 PGlite（${path.relative(root, target.dir) || target.dir}）`;
}

function buildWeb(): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [require.resolve('@tarojs/cli/bin/taro'), 'build', '--type', 'h5'], {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, NODE_ENV: 'production' },
    });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`网页版构建失败（退出码 ${code}）`))));
  });
}

async function main() {
  const fakeWechat = process.env.WECHAT_API_BASE ? null : await startFakeWechat(0);
  if (fakeWechat) {
    process.env.WECHAT_API_BASE = fakeWechat.url;
    process.env.DEMO_MODE ??= '1';
  }
  // The demo's SMS provider is the loopback fake too (nothing leaves the machine).
  const fakeSms = process.env.SMS_API_BASE || !fakeWechat ? null : await startFakeSms(0);
  if (fakeSms) {
    process.env.SMS_API_BASE = fakeSms.url;
    process.env.SMS_SECRET_ID = FAKE_SMS.secretId;
    process.env.SMS_SECRET_KEY = FAKE_SMS.secretKey;
    process.env.SMS_SDK_APP_ID = FAKE_SMS.sdkAppId;
  }
  const env = loadEnv();

  console.log('正在迁移数据库…');
  await runMigrations(env.DATABASE_URL);

  const seedHandle = createDb(env.DATABASE_URL, { poolSize: 2 });
  try {
    const { seeded } = await seedDemo(seedHandle.db, { log: (m) => console.log(m) });
    if (!seeded) console.log('数据库已有数据，跳过演示数据。');
  } finally {
    await seedHandle.close();
  }

  const webRoot = env.WEB_ROOT ?? path.join(root, 'client', 'dist', 'h5');
  if (!fs.existsSync(path.join(webRoot, 'index.html'))) {
    console.log('首次启动：正在构建网页版（约半分钟）…');
    await buildWeb();
  }

  const server = await startServer({ ...env, WEB_ROOT: webRoot });
  console.log(`
心桥 HeartBridge 已启动：${server.url}
  数据库：${describeDatabase(env.DATABASE_URL)}
  微信接口：${fakeWechat ? `本机模拟服务 ${fakeWechat.url}` : env.WECHAT_API_BASE}
  短信接口：${fakeSms ? `本机模拟服务 ${fakeSms.url}` : (env.SMS_API_BASE ?? '未配置（不发送短信）')}

演示账号（密码均为 demo12345）：
  admin            系统管理员（黑龙江省）
  fulian.hlj       省妇联
  fulian.hrb       哈尔滨市妇联
  guangongwei.hlj  省关工委
  coord.demo       演示学校家长学校负责人
  teacher.demo     演示学校教师
  counsel.demo     演示学校心理健康教师
演示家长：网页登录页选择“演示家长登录”（演示家长 1–20）；学校邀请码 HLJDEMO
按 Ctrl+C 停止。`);

  const stop = async () => {
    await server.stop();
    await fakeWechat?.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: Error) => {
  console.error(`启动失败：${err.message}`);
  process.exit(1);
});
