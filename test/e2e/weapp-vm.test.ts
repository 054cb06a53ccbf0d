/**
 * The BUILT WeChat mini program (client/dist/weapp, `npm run build:weapp`) really runs: its JavaScript is
 * loaded into a bare node:vm context that has only what WeChat's JS engine has (no fetch, no
 * AbortController, no window/document, no eval) plus the mini-program globals (test/helpers/weapp-runtime),
 * and a new parent signs in with WeChat, joins the demo school with its invite code and sees the family,
 * against the real server and this run's PostgreSQL. Every request goes through the harness's wx.request.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createTestApp, listen, type TestApp } from '../helpers/test-app';
import { WeappRuntime } from '../helpers/weapp-runtime/weapp-runtime';
import { WechatClient } from '../../server/wechat/wechat-client';
import { fakePhoneFor } from '../../server/wechat/fake-wechat-server';

const distDir = path.resolve(__dirname, '../../client/dist/weapp');
const DEMO_SCHOOL_NAME = '哈尔滨市南岗区心桥实验小学';

describe('the built weapp in a bare WeChat-like vm', () => {
  let app: TestApp;
  let server: { url: string; close(): Promise<void> };
  let rt: WeappRuntime | undefined;
  const sessionKeys: string[] = [];

  beforeAll(async () => {
    if (!fs.existsSync(path.join(distDir, 'app.js')))
      throw new Error('client/dist/weapp is missing: run `npm run build:weapp` (npm test builds it)');
    app = await createTestApp();
    // Record the session_key WeChat gives the server, to prove it never reaches the mini program.
    const recordingFetch: typeof fetch = async (url, init) => {
      const res = await fetch(url, init);
      const body = await res
        .clone()
        .json()
        .catch(() => null);
      if (body && typeof body.session_key === 'string') sessionKeys.push(body.session_key);
      return res;
    };
    app.deps.wechat = new WechatClient({
      apiBase: app.env.WECHAT_API_BASE,
      appId: app.env.WECHAT_APPID,
      secret: app.env.WECHAT_SECRET,
      fetchImpl: recordingFetch,
    });
    server = await listen(app);
  });

  afterAll(async () => {
    rt?.dispose();
    await server?.close();
    await app?.close();
  });

  it('signs a new parent in with WeChat, joins the demo school and shows 我的家庭', async () => {
    const code = `vm-parent-${randomBytes(6).toString('hex')}`;
    const childName = '林晓桥';
    const phoneCode = `phone-${code}`;
    rt = new WeappRuntime({ distDir, serverUrl: server.url, loginCode: () => code, phoneCode: () => phoneCode });

    // What WeChat's engine lacks, this context lacks too: the build must bring its own.
    for (const name of [
      'fetch',
      'AbortController',
      'AbortSignal',
      'Headers',
      'Response',
      'XMLHttpRequest',
      'window',
      'document',
      'setImmediate',
    ]) {
      expect(`${name}: ${rt.eval(`typeof ${name}`)}`).toBe(`${name}: undefined`);
    }
    expect(() => rt!.eval('new Function("return 1")')).toThrow();

    await rt.launch();
    // No token yet: the home page sends the user to the login page, which shows the privacy notice first.
    const agree = await rt.waitForText('同意并继续');
    expect(rt.currentPage.route).toBe('pages/login/index');
    rt.tap(agree);

    rt.tap(await rt.waitForText('微信一键登录'));
    // Logged in: home, with the entry to join a family.
    const joinEntry = await rt.waitFor(
      () => rt!.currentPage.route === 'pages/home/index' && rt!.byText('加入家庭'),
      'the home page',
    );
    expect(rt.records.storage.get('heartbridge.token')).toEqual(expect.any(String));
    rt.tap(joinEntry);

    await rt.waitFor(
      () => rt!.currentPage.route === 'packageParent/join/index' && rt!.byAttr('placeholder', '请输入邀请码'),
      'the join form',
    );
    // Fill the form as a user would, each step showing in the view before the next.
    const fill = async (placeholder: string, value: string) => {
      rt!.input(rt!.byAttr('placeholder', placeholder)!, value);
      await rt!.waitFor(
        () => rt!.view.attr(rt!.byAttr('placeholder', placeholder)!.node, 'value') === value,
        `${placeholder} = ${value}`,
      );
    };
    const choose = async (label: string) => {
      rt!.tap(rt!.byText(label)!);
      const chipSelected = () => {
        const { node, ancestors } = rt!.byText(label)!;
        return [...ancestors, node].some((n) => String(n.cl).includes('choice-chips__chip--selected'));
      };
      await rt!.waitFor(chipSelected, `${label} selected`);
    };
    await fill('请输入邀请码', 'HLJDEMO');
    await choose('母亲');
    await fill('请输入孩子姓名', childName);
    await choose('三年级');
    rt.tap(rt.byText('提交')!);

    // families.join, then redirectTo 我的家庭 → families.mine
    await rt.waitFor(
      () => rt!.currentPage.route === 'packageParent/family/index' && rt!.text().includes(childName),
      '我的家庭 with the child',
    );
    // The privacy notice agreed to on the way in is on record, and 我的家庭 says so.
    await rt.waitFor(() => rt!.text().includes('同意《隐私政策与用户协议》'), '我的家庭 with the privacy consent');
    const text = rt.text();
    expect(text).toContain('撤回同意');
    expect(text).toContain(childName);
    expect(text).toContain(DEMO_SCHOOL_NAME);
    expect(text).toContain('三年级');
    expect(rt.pages).toEqual(['pages/home/index', 'packageParent/family/index']);

    // The server really has the family.
    const user = await app.db.user.findUniqueOrThrow({ where: { openid: `openid-${code}` } });
    const guardian = await app.db.guardian.findUniqueOrThrow({
      where: { userId: user.id },
      include: { family: { include: { children: true, orgUnit: true } } },
    });
    expect(guardian.relation).toBe('MOTHER');
    expect(guardian.family.orgUnit.name).toBe(DEMO_SCHOOL_NAME);
    expect(guardian.family.children).toEqual([expect.objectContaining({ name: childName, grade: 'G3' })]);

    // ── 联系手机 from WeChat: the getPhoneNumber button (behind the user's tap) gives a code, the server
    // exchanges it with WeChat and keeps the number encrypted; the page shows it masked.
    const phone = fakePhoneFor(phoneCode);
    const masked = `${phone.slice(0, 3)}****${phone.slice(7)}`;
    rt.tap(await rt.waitForText('使用微信绑定的手机号'));
    await rt.waitForText(`已留：${masked}`);
    const withMobile = await app.db.guardian.findUniqueOrThrow({ where: { userId: user.id } });
    expect(withMobile.mobileMasked).toBe(masked);
    expect(withMobile.mobileEnc).not.toContain(phone);
    expect(rt.text()).not.toContain(phone);
    // Saving reloads 我的家庭 (families.mine): let that answer arrive before counting the calls.
    await rt.waitFor(() => rt!.records.requests.every((r) => r.status !== undefined), 'requests answered');

    // Every call went through wx.request, to the tRPC API, the signed-in ones with the bearer token.
    const calls = rt.records.requests.flatMap((r) => {
      const { pathname } = new URL(r.target);
      expect(pathname.startsWith('/trpc/')).toBe(true);
      return pathname
        .slice('/trpc/'.length)
        .split(',')
        .map((procedure) => ({ procedure, status: r.status, auth: r.header.authorization }));
    });
    const procedures = calls.map((c) => c.procedure);
    expect(procedures).toEqual(
      expect.arrayContaining([
        'consents.current',
        'auth.wechatLogin',
        'consents.grant',
        'auth.me',
        'families.join',
        'families.mine',
        'consents.mine',
        'families.mobileFromWechat',
      ]),
    );
    expect(calls.filter((c) => c.status !== 200)).toEqual([]);
    const token = rt.records.storage.get('heartbridge.token');
    for (const name of ['families.join', 'families.mine']) {
      expect(calls.find((c) => c.procedure === name)?.auth).toBe(`Bearer ${token}`);
    }
    // WeChat's session_key stays on the server: in no request and no response.
    expect(sessionKeys).toHaveLength(1);
    for (const r of rt.records.requests) {
      const seen = JSON.stringify(r);
      expect(seen).not.toContain(sessionKeys[0]);
      expect(seen).not.toMatch(/session_?key/i);
    }
    // Nothing failed inside the mini program (uncaught errors, console.error).
    expect(rt.errors).toEqual([]);
    // Every element the app rendered has a template in base.wxml (an HTML tag without one is invisible in WeChat).
    expect([...rt.view.missing]).toEqual([]);
  });
});
