import path from 'node:path';
import { loadEnv } from '../../server/env';
import { parseDatabaseUrl } from '../../server/db/database-url';

describe('loadEnv', () => {
  it('has working defaults for npm start (a demo: DEMO_MODE=1)', () => {
    const env = loadEnv({ DEMO_MODE: '1' });
    expect(env.PORT).toBe(3000);
    expect(env.WECHAT_API_BASE).toBe('https://api.weixin.qq.com');
    expect(env.DEMO_MODE).toBe(true);
  });

  it('refuses to start without DATA_KEYS unless the demo is explicit, whatever NODE_ENV says', () => {
    expect(() => loadEnv({})).toThrow(/必须设置 DATA_KEYS/);
    expect(() => loadEnv({ NODE_ENV: 'development' })).toThrow(/必须设置 DATA_KEYS/);
    expect(loadEnv({ DATA_KEYS: 'k:x' }).DATA_KEYS).toBe('k:x');
  });

  it('honours PORT and fails fast on a bad value, in Chinese', () => {
    expect(loadEnv({ PORT: '4567', DEMO_MODE: '1' }).PORT).toBe(4567);
    expect(() => loadEnv({ PORT: 'abc', DEMO_MODE: '1' })).toThrow(/环境变量配置有误[\s\S]*PORT/);
  });

  it('refuses to run in production with the demo WeChat credentials or without data keys', () => {
    expect(() => loadEnv({ NODE_ENV: 'production' })).toThrow(/WECHAT_APPID/);
    expect(() => loadEnv({ NODE_ENV: 'production', WECHAT_APPID: 'wx1', WECHAT_SECRET: 's' })).toThrow(/DATA_KEYS/);
    expect(
      loadEnv({ NODE_ENV: 'production', WECHAT_APPID: 'wx1', WECHAT_SECRET: 's', DATA_KEYS: 'k:x' }).NODE_ENV,
    ).toBe('production');
  });
});

describe('parseDatabaseUrl', () => {
  it('chooses PGlite by default and PostgreSQL for postgresql:// URLs', () => {
    expect(parseDatabaseUrl(undefined, '/app')).toEqual({ kind: 'pglite', dir: path.resolve('/app/prisma/.pglite') });
    expect(parseDatabaseUrl('pglite:/tmp/x', '/app')).toEqual({ kind: 'pglite', dir: '/tmp/x' });
    expect(parseDatabaseUrl('postgresql://u@h/db', '/app')).toEqual({ kind: 'postgres', url: 'postgresql://u@h/db' });
    expect(() => parseDatabaseUrl('mysql://x', '/app')).toThrow(/DATABASE_URL/);
  });
});
