import type { AddressInfo } from 'node:net';
import { loadEnv, type Env } from './env';
import { createLogger } from './logger';
import { createDb } from './db/create-db';
import { WechatClient } from './wechat/wechat-client';
import { smsFromEnv } from './sms/tencent-sms';
import { createApp } from './app';
import { cipherFromEnv } from './crypto/cipher-from-env';
import { createSqlRunner } from './db/sql-runner';
import { startNotificationWorker } from './services/notifications/worker';
import { startMonthlyReports } from './services/reports/monthly';
import { startMaintenance } from './services/maintenance';
import { LISTEN_BACKLOG } from './http/listen-backlog';

/** How long a stopping server waits for requests in flight. */
const SHUTDOWN_GRACE_MS = 10_000;

/** Builds the dependencies from the environment and starts listening. Returns a stop function. */
export async function startServer(env: Env = loadEnv()) {
  const log = createLogger(env.LOG_LEVEL);
  const handle = createDb(env.DATABASE_URL, { poolSize: env.DB_POOL_SIZE, keepIdle: true });
  // Open the pool's connections now, not during the first burst (a lecture opening for registration
  // minutes after a deploy): PostgreSQL starts a process for each, which takes milliseconds under load.
  if (handle.pool) {
    const pool = handle.pool;
    await Promise.all(Array.from({ length: env.DB_POOL_SIZE }, () => pool.query('SELECT 1').catch(() => undefined)));
  }
  const wechat = new WechatClient({ apiBase: env.WECHAT_API_BASE, appId: env.WECHAT_APPID, secret: env.WECHAT_SECRET });
  const cipher = cipherFromEnv(env);
  const sms = smsFromEnv(env);
  const server = createApp(
    { db: handle.db, env, log, wechat, cipher, sms, sql: createSqlRunner(handle) },
    { webRoot: env.WEB_ROOT },
  );
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port: env.PORT, host: env.HOST, backlog: LISTEN_BACKLOG }, resolve);
  });
  const port = (server.address() as AddressInfo).port;
  // Every process may run the worker: notices are claimed with FOR UPDATE SKIP LOCKED.
  const stopWorker = env.NOTIFY_WORKER
    ? startNotificationWorker({ db: handle.db, env, wechat, log, sms, cipher })
    : () => undefined;
  const stopMaintenance = env.NOTIFY_WORKER
    ? startMaintenance({ db: handle.db, log, serviceRecordRetentionDays: env.SERVICE_RECORD_RETENTION_DAYS }, 3600_000)
    : () => undefined;
  // The monthly reports: every process may run the job; each region's report is written once.
  const stopMonthly = env.NOTIFY_WORKER ? startMonthlyReports({ db: handle.db, log }, 15 * 60_000) : () => undefined;
  log.info({ port, db: handle.kind }, 'server listening');
  return {
    port,
    url: `http://${env.HOST === '0.0.0.0' ? '127.0.0.1' : env.HOST}:${port}`,
    db: handle.db,
    /**
     * Graceful shutdown: stop accepting connections, let the requests in flight finish (up to
     * `graceMs`, then cut what is left), and only then close the database pool, so no request that
     * was being answered fails for want of a connection.
     */
    async stop(graceMs = SHUTDOWN_GRACE_MS) {
      stopWorker();
      stopMaintenance();
      stopMonthly();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // A keep-alive connection is closed as soon as it has no request in flight (now, or once its
      // answer is written); past the deadline whatever is left is cut.
      server.closeIdleConnections();
      const sweep = setInterval(() => server.closeIdleConnections(), 50);
      const deadline = setTimeout(() => server.closeAllConnections(), graceMs);
      await closed;
      clearInterval(sweep);
      clearTimeout(deadline);
      await handle.close();
      log.info('server stopped');
    },
  };
}
