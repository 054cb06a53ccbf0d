/**
 * A small stand-in for WeChat's server API, for tests and the demo (npm start). It speaks the same
 * HTTP API as the real one for what we use:
 *   GET  /sns/jscode2session          code X → openid `openid-X` (codes starting with "invalid" → errcode 40029)
 *   GET  /cgi-bin/token, POST /cgi-bin/stable_token   access tokens
 *   POST /cgi-bin/message/subscribe/send               records the message (quota per user/template honoured)
 *   POST /wxa/business/getuserphonenumber              getPhoneNumber: code `phone-X` → a mainland number derived
 *                                                      from X (fakePhoneFor); other codes → errcode 40029
 * and, for tests only:
 *   GET  /__fake/sent     the recorded subscribe messages
 *   POST /__fake/quota    {openid, template_id, count} grants one-time quota, as the user accepting requestSubscribeMessage would
 *   POST /__fake/reset    forgets everything
 */
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';

export interface FakeWechatOptions {
  appId?: string;
  secret?: string;
  /** When false, subscribe sends are not checked against quota (the app's own quota count is what is tested). */
  enforceQuota?: boolean;
}

export interface FakeWechatServer {
  url: string;
  port: number;
  sent: Array<{ touser: string; template_id: string; page?: string; data: unknown; at: string }>;
  close(): Promise<void>;
}

/** The number the fake gives for getPhoneNumber code `phone-X`: 139 and eight digits from X, the same every time. */
export function fakePhoneFor(code: string): string {
  let h = 0;
  for (const ch of code) h = (h * 31 + ch.charCodeAt(0)) % 100_000_000;
  return `139${String(h).padStart(8, '0')}`;
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = '';
    req.setEncoding('utf8');
    req.on('data', (c) => {
      data += c;
      if (data.length > 1_000_000) req.destroy();
    });
    req.on('end', () => resolve(data));
    req.on('error', reject);
  });
}

export async function startFakeWechat(port = 0, opts: FakeWechatOptions = {}): Promise<FakeWechatServer> {
  const appId = opts.appId ?? 'wx-demo-appid';
  const secret = opts.secret ?? 'demo-secret';
  const tokens = new Set<string>();
  const quota = new Map<string, number>();
  const sent: FakeWechatServer['sent'] = [];

  const issueToken = () => {
    const t = randomBytes(24).toString('hex');
    tokens.add(t);
    return { access_token: t, expires_in: 7200 };
  };

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const json = (body: unknown, status = 200) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    try {
      if (req.method === 'GET' && url.pathname === '/sns/jscode2session') {
        const code = url.searchParams.get('js_code') ?? '';
        if (url.searchParams.get('appid') !== appId || url.searchParams.get('secret') !== secret) {
          return json({ errcode: 40125, errmsg: 'invalid appsecret' });
        }
        if (!code || code.startsWith('invalid')) return json({ errcode: 40029, errmsg: 'invalid code' });
        return json({ openid: `openid-${code}`, session_key: randomBytes(16).toString('base64') });
      }
      if (
        (req.method === 'GET' && url.pathname === '/cgi-bin/token') ||
        (req.method === 'POST' && url.pathname === '/cgi-bin/stable_token')
      ) {
        const body =
          req.method === 'POST' ? JSON.parse((await readBody(req)) || '{}') : Object.fromEntries(url.searchParams);
        if (body.appid !== appId || body.secret !== secret)
          return json({ errcode: 40125, errmsg: 'invalid appsecret' });
        return json(issueToken());
      }
      if (req.method === 'POST' && url.pathname === '/cgi-bin/message/subscribe/send') {
        if (!tokens.has(url.searchParams.get('access_token') ?? ''))
          return json({ errcode: 40001, errmsg: 'invalid credential' });
        const body = JSON.parse((await readBody(req)) || '{}');
        if (!body.touser || !body.template_id || !body.data)
          return json({ errcode: 47003, errmsg: 'argument invalid' });
        const key = `${body.touser}|${body.template_id}`;
        if (opts.enforceQuota) {
          const left = quota.get(key) ?? 0;
          if (left <= 0) return json({ errcode: 43101, errmsg: 'user refuse to accept the msg' });
          quota.set(key, left - 1);
        }
        sent.push({
          touser: body.touser,
          template_id: body.template_id,
          page: body.page,
          data: body.data,
          at: new Date().toISOString(),
        });
        return json({ errcode: 0, errmsg: 'ok' });
      }
      if (req.method === 'POST' && url.pathname === '/wxa/business/getuserphonenumber') {
        if (!tokens.has(url.searchParams.get('access_token') ?? ''))
          return json({ errcode: 40001, errmsg: 'invalid credential' });
        const body = JSON.parse((await readBody(req)) || '{}');
        const code = typeof body.code === 'string' ? body.code : '';
        if (!code.startsWith('phone-')) return json({ errcode: 40029, errmsg: 'invalid code' });
        const pure = fakePhoneFor(code);
        return json({
          errcode: 0,
          errmsg: 'ok',
          phone_info: {
            phoneNumber: `+86 ${pure}`,
            purePhoneNumber: pure,
            countryCode: '86',
            watermark: { timestamp: Math.floor(Date.now() / 1000), appid: appId },
          },
        });
      }
      if (req.method === 'GET' && url.pathname === '/__fake/sent') return json(sent);
      if (req.method === 'POST' && url.pathname === '/__fake/quota') {
        const body = JSON.parse((await readBody(req)) || '{}');
        const key = `${body.openid}|${body.template_id}`;
        quota.set(key, (quota.get(key) ?? 0) + Number(body.count ?? 1));
        return json({ ok: true });
      }
      if (req.method === 'POST' && url.pathname === '/__fake/reset') {
        sent.length = 0;
        quota.clear();
        return json({ ok: true });
      }
      json({ errcode: -1, errmsg: 'not found' }, 404);
    } catch {
      json({ errcode: 47001, errmsg: 'data format error' }, 400);
    }
  });

  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const actualPort = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${actualPort}`,
    port: actualPort,
    sent,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
