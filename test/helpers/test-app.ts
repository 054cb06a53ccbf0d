import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createDb, type DbHandle } from '../../server/db/create-db';
import { loadEnv, type Env } from '../../server/env';
import { createLogger } from '../../server/logger';
import { WechatClient } from '../../server/wechat/wechat-client';
import { cipherFromEnv } from '../../server/crypto/cipher-from-env';
import { createSqlRunner } from '../../server/db/sql-runner';
import { startFakeWechat, type FakeWechatServer } from '../../server/wechat/fake-wechat-server';
import { FAKE_SMS, startFakeSms, type FakeSmsServer } from '../../server/sms/fake-sms-server';
import { smsFromEnv } from '../../server/sms/tencent-sms';
import { createInnerContext, type AppDeps } from '../../server/trpc/context';
import type { AuthUser } from '../../server/auth/auth-user';
import { createCaller } from '../../server/routers/root';
import { createApp } from '../../server/app';
import { issueSession } from '../../server/services/auth/tokens';
import { resolveUserByToken } from '../../server/services/auth/resolve-user';

export interface TestApp {
  handle: DbHandle;
  db: DbHandle['db'];
  env: Env;
  deps: AppDeps;
  wechat: FakeWechatServer;
  /** The loopback fake of the SMS provider (Tencent Cloud SMS) the app sends through. */
  sms: FakeSmsServer;
  /** A tRPC caller acting as `user` (null: anonymous). */
  caller(user?: AuthUser | null): ReturnType<typeof createCaller>;
  /** Signs `userId` in through the real session path and returns the AuthUser the server would see. */
  as(userId: string): Promise<AuthUser>;
  tokenFor(userId: string): Promise<string>;
  close(): Promise<void>;
}

export function testDatabaseUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set: run the tests with `npm test`');
  return url;
}

/** The app wired to this run's PostgreSQL database and a fresh fake WeChat server. */
export async function createTestApp(envOverrides: Record<string, string> = {}): Promise<TestApp> {
  const wechat = await startFakeWechat(0);
  const sms = await startFakeSms(0);
  const env = loadEnv({
    ...process.env,
    NODE_ENV: 'test',
    DATABASE_URL: testDatabaseUrl(),
    WECHAT_API_BASE: wechat.url,
    SMS_API_BASE: sms.url,
    SMS_SECRET_ID: FAKE_SMS.secretId,
    SMS_SECRET_KEY: FAKE_SMS.secretKey,
    SMS_SDK_APP_ID: FAKE_SMS.sdkAppId,
    // npm test collects every server log line in HB_LOG_FILE and checks it for secrets afterwards.
    LOG_LEVEL: process.env.HB_LOG_FILE ? 'info' : 'silent',
    // Every test file calls from 127.0.0.1 at once: limits are scaled up here and tested at scale 1 in rate-limits.test.ts.
    RATE_LIMIT_SCALE: '100',
    ...envOverrides,
  });
  const handle = createDb(env.DATABASE_URL, { poolSize: 8 });
  const deps: AppDeps = {
    db: handle.db,
    env,
    log: createLogger(env.LOG_LEVEL, process.env.HB_LOG_FILE),
    wechat: new WechatClient({ apiBase: env.WECHAT_API_BASE, appId: env.WECHAT_APPID, secret: env.WECHAT_SECRET }),
    cipher: cipherFromEnv(env),
    sms: smsFromEnv(env),
    sql: createSqlRunner(handle),
  };
  const tokenFor = async (userId: string) => (await issueSession(handle.db, userId, 1)).token;
  return {
    handle,
    db: handle.db,
    env,
    deps,
    wechat,
    sms,
    caller: (user = null) => createCaller(createInnerContext(deps, user)),
    tokenFor,
    async as(userId: string) {
      const user = await resolveUserByToken(deps.sql, await tokenFor(userId), {
        staffIdleMinutes: env.STAFF_IDLE_MINUTES,
      });
      if (!user) throw new Error(`cannot sign in ${userId}`);
      return user;
    },
    async close() {
      await handle.close();
      await wechat.close();
      await sms.close();
    },
  };
}

/** The same app over real HTTP on a loopback port. */
export function listen(app: TestApp): Promise<{ url: string; close(): Promise<void> }> {
  // WEB_ROOT: a web build in another folder (HB_OUTPUT_ROOT at build time).
  return serveOnLoopback(createApp(app.deps, { webRoot: process.env.WEB_ROOT }));
}

/** Starts `server` on a free loopback port; `close` cuts its connections and stops it. */
export async function serveOnLoopback(server: http.Server): Promise<{ url: string; close(): Promise<void> }> {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** Calls a procedure over HTTP the way the contract describes (any HTTP client could). */
export async function callHttp(
  base: string,
  pathName: string,
  opts: { input?: unknown; token?: string; method?: 'GET' | 'POST' } = {},
) {
  const method = opts.method ?? 'GET';
  const headers: Record<string, string> = {};
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  let url = `${base}/trpc/${pathName}`;
  let body: string | undefined;
  if (method === 'GET') {
    if (opts.input !== undefined) url += `?input=${encodeURIComponent(JSON.stringify(opts.input))}`;
  } else {
    headers['content-type'] = 'application/json';
    body = opts.input === undefined ? undefined : JSON.stringify(opts.input);
  }
  const res = await fetch(url, { method, headers, body });
  const text = await res.text();
  // Tests read whatever shape the endpoint answers (result.data, error.message, …).
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  let json: any = null;
  try {
    json = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: res.status, json, text };
}
