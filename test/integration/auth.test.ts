import { createTestApp, listen, callHttp, type TestApp } from '../helpers/test-app';
import { hashToken } from '../../server/services/auth/tokens';
import { createHash } from 'node:crypto';
import { hashPassword } from '../../server/services/auth/password';
import { loginWithPassword } from '../../server/services/auth/login-with-password';
import { AppError } from '../../server/errors/app-error';

/** A staff account whose password is right-pass-1. */
async function staff(username: string) {
  return app.db.user.create({
    data: {
      username,
      displayName: '测试工作人员',
      passwordHash: await hashPassword('right-pass-1'),
      roles: { create: { role: 'ADMIN', orgUnitId: '230000' } },
    },
    select: { id: true },
  });
}

/** The throttle rows' key prefix for a username (a hash: no typed name is stored). */
const nameHash = (username: string) => createHash('sha256').update(username).digest('hex');

let app: TestApp;
let http: { url: string; close(): Promise<void> };

beforeAll(async () => {
  app = await createTestApp();
  http = await listen(app);
});
afterAll(async () => {
  await http.close();
  await app.close();
});

describe('auth.wechatLogin', () => {
  it('exchanges the code at the WeChat API and signs the demo parent in', async () => {
    const res = await callHttp(http.url, 'auth.wechatLogin', { method: 'POST', input: { code: 'demo-parent-1' } });
    expect(res.status).toBe(200);
    const { token, user } = res.json.result.data;
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const seeded = await app.db.user.findUniqueOrThrow({
      where: { openid: 'openid-demo-parent-1' },
      select: { id: true },
    });
    expect(user.id).toBe(seeded.id);
    expect(user.roles).toEqual([]);
    // session_key never leaves the server, and the token is stored only as a hash.
    expect(res.text).not.toMatch(/session_key/);
    const stored = await app.db.authSession.findMany({ where: { userId: seeded.id }, select: { tokenHash: true } });
    expect(stored.map((s) => s.tokenHash)).toContain(hashToken(token));
    expect(stored.map((s) => s.tokenHash)).not.toContain(token);

    const me = await callHttp(http.url, 'auth.me', { token });
    expect(me.status).toBe(200);
    expect(me.json.result.data).toMatchObject({ id: seeded.id, roles: [] });
    expect(typeof me.json.result.data.familyId).toBe('string');
  });

  it('creates one user per openid, however often they log in', async () => {
    const a = await app.caller().auth.wechatLogin({ code: 'repeat-user' });
    const b = await app.caller().auth.wechatLogin({ code: 'repeat-user' });
    expect(a.user.id).toBe(b.user.id);
    expect(a.token).not.toBe(b.token);
    expect(await app.db.user.count({ where: { openid: 'openid-repeat-user' } })).toBe(1);
  });

  it('answers 401 in Chinese for a code WeChat rejects', async () => {
    const res = await callHttp(http.url, 'auth.wechatLogin', { method: 'POST', input: { code: 'invalid-123' } });
    expect(res.status).toBe(401);
    expect(res.json.error.message).toBe('微信登录凭证无效或已使用，请重新登录');
  });

  it('answers 400 with a Chinese message for a missing code', async () => {
    const res = await callHttp(http.url, 'auth.wechatLogin', { method: 'POST', input: {} });
    expect(res.status).toBe(400);
    expect(res.json.error.message).toMatch(/缺少微信登录凭证/);
    expect(res.json.error.data.zodError.fieldErrors.code).toBeDefined();
  });
});

describe('auth.passwordLogin', () => {
  it('signs a demo staff account in with its roles', async () => {
    const res = await callHttp(http.url, 'auth.passwordLogin', {
      method: 'POST',
      input: { username: 'fulian.hrb', password: 'demo12345' },
    });
    expect(res.status).toBe(200);
    expect(res.json.result.data.user.roles).toEqual([
      { role: 'FEDERATION', orgUnitId: '230100', orgUnitName: '哈尔滨市', orgUnitKind: 'CITY' },
    ]);
  });

  it('refuses a wrong password or unknown user with the same 401 message', async () => {
    const wrong = await callHttp(http.url, 'auth.passwordLogin', {
      method: 'POST',
      input: { username: 'admin', password: 'nope' },
    });
    const unknown = await callHttp(http.url, 'auth.passwordLogin', {
      method: 'POST',
      input: { username: 'no-such-user', password: 'nope' },
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.json.error.message).toBe('用户名或密码错误');
    expect(unknown.json.error.message).toBe(wrong.json.error.message);
  });

  it('locks the account for 15 minutes after 5 failures and answers 429, even to the right password', async () => {
    await staff('lock.me');
    const statuses: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      statuses.push(
        (
          await callHttp(http.url, 'auth.passwordLogin', {
            method: 'POST',
            input: { username: 'lock.me', password: `bad-${i}` },
          })
        ).status,
      );
    }
    expect(statuses).toEqual([401, 401, 401, 401, 429]);
    const right = await callHttp(http.url, 'auth.passwordLogin', {
      method: 'POST',
      input: { username: 'lock.me', password: 'right-pass-1' },
    });
    expect(right.status).toBe(429);
    expect(right.json.error.message).toMatch(/锁定/);
    const row = await app.db.loginThrottle.findFirstOrThrow({
      where: { key: { startsWith: `${nameHash('lock.me')}:` }, lockedUntil: { not: null } },
      select: { lockedUntil: true },
    });
    const minutes = (row.lockedUntil!.getTime() - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(14);
    expect(minutes).toBeLessThanOrEqual(15);
  });

  it('counts every failure when attempts arrive at once', async () => {
    await staff('burst.me');
    const results = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        callHttp(http.url, 'auth.passwordLogin', {
          method: 'POST',
          input: { username: 'burst.me', password: `bad-${i}` },
        }),
      ),
    );
    expect(results.filter((r) => r.status === 429)).toHaveLength(1);
    const after = await callHttp(http.url, 'auth.passwordLogin', {
      method: 'POST',
      input: { username: 'burst.me', password: 'right-pass-1' },
    });
    expect(after.status).toBe(429);
  });

  it('of 30 attempts at once (29 wrong, then the right one), no more than the allowed failures plus one reach the password check', async () => {
    const { id } = await staff('race.me');
    const attempts = Array.from({ length: 30 }, (_, i) => (i === 29 ? 'right-pass-1' : `bad-${i}`));
    const results = await Promise.all(
      attempts.map((password) =>
        callHttp(http.url, 'auth.passwordLogin', { method: 'POST', input: { username: 'race.me', password } }),
      ),
    );
    // The audit log tells which attempts had their password checked and which were refused unchecked.
    const audit = async (action: string) => app.db.auditLog.count({ where: { targetId: id, action } });
    const checked = (await audit('auth.loginFailed')) + (await audit('auth.login'));
    // LOGIN_MAX_FAILURES is 5: at most 5 wrong passwords, and the right one, are checked; the rest answer 429.
    expect(checked).toBeGreaterThanOrEqual(5);
    expect(checked).toBeLessThanOrEqual(6);
    expect(await audit('auth.loginRefused')).toBe(30 - checked);
    expect(results.filter((r) => r.status === 429).length).toBeGreaterThanOrEqual(30 - checked);
    // Once locked, the right password is refused too: it signs in only if it was checked before the lock.
    expect(results[29].status === 200).toBe((await audit('auth.login')) === 1);
  });

  it('resets the failure count after a successful login', async () => {
    await staff('reset.me');
    for (let i = 0; i < 4; i += 1)
      await callHttp(http.url, 'auth.passwordLogin', {
        method: 'POST',
        input: { username: 'reset.me', password: 'bad' },
      });
    expect(
      (
        await callHttp(http.url, 'auth.passwordLogin', {
          method: 'POST',
          input: { username: 'reset.me', password: 'right-pass-1' },
        })
      ).status,
    ).toBe(200);
    for (let i = 0; i < 4; i += 1) {
      expect(
        (
          await callHttp(http.url, 'auth.passwordLogin', {
            method: 'POST',
            input: { username: 'reset.me', password: 'bad' },
          })
        ).status,
      ).toBe(401);
    }
  });
});

describe('lockout per account and source (security round two)', () => {
  const attempt = (username: string, password: string, ip: string) =>
    loginWithPassword({ db: app.db, env: app.env, ip, input: { username, password } }).then(
      () => 200,
      (e: unknown) =>
        e instanceof AppError ? ({ UNAUTHORIZED: 401, TOO_MANY_REQUESTS: 429 } as Record<string, number>)[e.code] : 500,
    );

  it('a stranger who locks a staff account from one address does not lock the owner out elsewhere', async () => {
    await staff('owner.me');
    const stranger = [];
    for (let i = 0; i < 6; i += 1) stranger.push(await attempt('owner.me', `guess-${i}`, '198.51.100.7'));
    expect(stranger).toEqual([401, 401, 401, 401, 429, 429]);
    expect(await attempt('owner.me', 'right-pass-1', '198.51.100.7')).toBe(429);
    // The owner, at the school's address, signs in (after the slow-down's first wait of 2 seconds).
    await app.db.loginThrottle.updateMany({
      where: { key: `${nameHash('owner.me')}:*` },
      data: { nextAttemptAt: new Date(Date.now() - 1) },
    });
    expect(await attempt('owner.me', 'right-pass-1', '203.0.113.20')).toBe(200);
  });

  it('an account that does not exist answers exactly like one that does, lock included', async () => {
    await staff('real.me');
    const answers = async (username: string) => {
      const out: [number, string][] = [];
      for (let i = 0; i < 6; i += 1) {
        const message = await loginWithPassword({
          db: app.db,
          env: app.env,
          ip: '192.0.2.44',
          input: { username, password: `guess-${i}` },
        }).then(
          () => 'signed in',
          (e: unknown) => (e as Error).message,
        );
        out.push([i, message]);
      }
      return out;
    };
    expect(await answers('nobody.here')).toEqual(await answers('real.me'));
  });

  it('over many addresses, failures past the limit slow the account down instead of locking it (no CAPTCHA)', async () => {
    await staff('slow.me');
    for (let i = 0; i < 5; i += 1) expect(await attempt('slow.me', 'bad', `198.51.100.${10 + i}`)).toBe(401);
    // A sixth address right away: asked to wait, and nothing is checked.
    const refused = await loginWithPassword({
      db: app.db,
      env: app.env,
      ip: '198.51.100.99',
      input: { username: 'slow.me', password: 'right-pass-1' },
    }).then(
      () => null,
      (e: unknown) => e as AppError,
    );
    expect(refused).toMatchObject({
      code: 'TOO_MANY_REQUESTS',
      message: expect.stringMatching(/^登录失败次数较多，请 \d+ 秒后再试$/),
    });
    const wait = await app.db.loginThrottle.findUniqueOrThrow({ where: { key: `${nameHash('slow.me')}:*` } });
    const seconds = (wait.nextAttemptAt!.getTime() - Date.now()) / 1000;
    expect(seconds).toBeGreaterThan(0);
    expect(seconds).toBeLessThanOrEqual(2);
    // Once the wait is over, the right password signs in, and the count starts afresh.
    await app.db.loginThrottle.update({ where: { key: wait.key }, data: { nextAttemptAt: new Date(Date.now() - 1) } });
    expect(await attempt('slow.me', 'right-pass-1', '198.51.100.99')).toBe(200);
    expect(await app.db.loginThrottle.count({ where: { key: wait.key } })).toBe(0);
  });
});

describe('tokens', () => {
  it('auth.logout revokes the token', async () => {
    const { token } = (
      await callHttp(http.url, 'auth.passwordLogin', {
        method: 'POST',
        input: { username: 'coord.demo', password: 'demo12345' },
      })
    ).json.result.data;
    expect((await callHttp(http.url, 'auth.me', { token })).status).toBe(200);
    expect((await callHttp(http.url, 'auth.logout', { method: 'POST', token })).status).toBe(200);
    const after = await callHttp(http.url, 'auth.me', { token });
    expect(after.status).toBe(401);
    expect(after.json.error.message).toBe('请先登录');
  });

  it('a staff session unused for STAFF_IDLE_MINUTES (2 hours) ends; a parent’s does not', async () => {
    const staff = await app.db.user.create({
      data: { username: 'idle.me', displayName: '空闲', roles: { create: { role: 'ADMIN', orgUnitId: '230000' } } },
      select: { id: true },
    });
    const parent = await app.db.user.create({
      data: { openid: 'openid-idle-parent', displayName: '家长' },
      select: { id: true },
    });
    const [staffToken, parentToken] = [await app.tokenFor(staff.id), await app.tokenFor(parent.id)];
    const me = (token: string) => callHttp(http.url, 'auth.me', { token });
    expect((await me(staffToken)).status).toBe(200);
    await app.db.authSession.updateMany({
      where: { userId: { in: [staff.id, parent.id] } },
      data: { lastSeenAt: new Date(Date.now() - 121 * 60_000) },
    });
    expect((await me(staffToken)).status).toBe(401);
    expect((await me(parentToken)).status).toBe(200);
    // The refused request did not bring the idle staff session back.
    expect((await me(staffToken)).status).toBe(401);
  });

  it('a request notes the session as used, so an active staff member stays signed in', async () => {
    const staff = await app.db.user.create({
      data: { username: 'busy.me', displayName: '忙碌', roles: { create: { role: 'ADMIN', orgUnitId: '230000' } } },
      select: { id: true },
    });
    const token = await app.tokenFor(staff.id);
    await app.db.authSession.updateMany({
      where: { userId: staff.id },
      data: { lastSeenAt: new Date(Date.now() - 100 * 60_000) },
    });
    expect((await callHttp(http.url, 'auth.me', { token })).status).toBe(200);
    const { lastSeenAt } = await app.db.authSession.findFirstOrThrow({
      where: { userId: staff.id },
      select: { lastSeenAt: true },
    });
    expect(Date.now() - lastSeenAt.getTime()).toBeLessThan(60_000);
  });

  it('auth.logoutEverywhere ends every session of the user', async () => {
    const user = await app.db.user.create({
      data: { openid: 'openid-everywhere', displayName: '家长' },
      select: { id: true },
    });
    const [phone, laptop] = [await app.tokenFor(user.id), await app.tokenFor(user.id)];
    const res = await callHttp(http.url, 'auth.logoutEverywhere', { method: 'POST', token: phone });
    expect(res.json.result.data).toEqual({ ok: true, revoked: 2 });
    expect((await callHttp(http.url, 'auth.me', { token: laptop })).status).toBe(401);
    expect((await callHttp(http.url, 'auth.me', { token: phone })).status).toBe(401);
  });

  it('an expired token is refused', async () => {
    const user = await app.db.user.findUniqueOrThrow({ where: { username: 'teacher.demo' }, select: { id: true } });
    const token = 'expired-token-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
    await app.db.authSession.create({
      data: { userId: user.id, tokenHash: hashToken(token), expiresAt: new Date(Date.now() - 1000) },
    });
    expect((await callHttp(http.url, 'auth.me', { token })).status).toBe(401);
  });

  it('a burst of look-ups resolved together answers each token with its own user, and refuses the dead ones', async () => {
    // Look-ups arriving at the same moment share a statement: none may be answered with another's user.
    const users = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        app.db.user.create({ data: { openid: `openid-burst-${i}`, displayName: `家长${i}` }, select: { id: true } }),
      ),
    );
    const tokens = await Promise.all(users.map((u) => app.tokenFor(u.id)));
    const revoked = 'burst-revoked-aaaaaaaaaaaaaaaaaaaaaaaaaaaa';
    const expired = 'burst-expired-aaaaaaaaaaaaaaaaaaaaaaaaaaaa';
    await app.db.authSession.create({
      data: {
        userId: users[0].id,
        tokenHash: hashToken(revoked),
        expiresAt: new Date(Date.now() + 3600_000),
        revokedAt: new Date(),
      },
    });
    await app.db.authSession.create({
      data: { userId: users[1].id, tokenHash: hashToken(expired), expiresAt: new Date(Date.now() - 1000) },
    });
    const asked = [...tokens, revoked, expired, 'burst-unknown-aaaaaaaaaaaaaaaaaaaaaaaaaaaa', tokens[5]];
    const answers = await Promise.all(asked.map((token) => callHttp(http.url, 'auth.me', { token })));
    expect(answers.slice(0, 60).map((a) => a.json.result?.data?.id)).toEqual(users.map((u) => u.id));
    expect(answers.slice(60, 63).map((a) => a.status)).toEqual([401, 401, 401]);
    expect(answers[63].json.result.data.id).toBe(users[5].id);
  });

  it('a malformed Authorization header counts as anonymous', async () => {
    const res = await fetch(`${http.url}/trpc/auth.me`, { headers: { authorization: 'Basic abc' } });
    expect(res.status).toBe(401);
  });
});
