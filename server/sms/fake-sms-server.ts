/**
 * A small stand-in for Tencent Cloud SMS (SendSms 2021-01-11), for tests and the demo (npm start). It checks
 * the request as the real service does (TC3-HMAC-SHA256 signature with the shared secret, a fresh timestamp,
 * the app id, at most 200 numbers, the template's parameters) and records every message; numbers starting
 * with +86170 answer a per-number failure (a carrier's refusal). For tests: GET /__fake/sent, POST /__fake/reset.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { SMS_BATCH, tc3Authorization } from './tencent-sms';

export interface FakeSmsServer {
  url: string;
  sent: { phone: string; templateId: string; params: string[]; signName: string; at: string }[];
  close(): Promise<void>;
}

export const FAKE_SMS = { secretId: 'AKIDfakesms', secretKey: 'fake-sms-secret', sdkAppId: '1400000000' };

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = '';
    req.setEncoding('utf8');
    req.on('data', (c) => (data += c));
    req.on('end', () => resolve(data));
    req.on('error', reject);
  });
}

export async function startFakeSms(port = 0): Promise<FakeSmsServer> {
  const sent: FakeSmsServer['sent'] = [];
  const server = http.createServer(async (req, res) => {
    const reply = (body: unknown) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const fail = (code: string, message: string) =>
      reply({ Response: { Error: { Code: code, Message: message }, RequestId: randomUUID() } });
    const path = new URL(req.url ?? '/', 'http://fake').pathname;
    if (req.method === 'GET' && path === '/__fake/sent') return reply(sent);
    if (req.method === 'POST' && path === '/__fake/reset') {
      sent.length = 0;
      return reply({ ok: true });
    }
    if (req.method !== 'POST' || path !== '/') return fail('UnsupportedOperation', 'not found');
    const payload = await readBody(req);
    const timestamp = Number(req.headers['x-tc-timestamp']);
    if (req.headers['x-tc-action'] !== 'SendSms' || req.headers['x-tc-version'] !== '2021-01-11')
      return fail('InvalidAction', 'unknown action or version');
    if (!Number.isFinite(timestamp) || Math.abs(Date.now() / 1000 - timestamp) > 300)
      return fail('AuthFailure.SignatureExpire', 'timestamp too old');
    const expected = tc3Authorization({
      secretId: FAKE_SMS.secretId,
      secretKey: FAKE_SMS.secretKey,
      host: req.headers.host ?? '',
      action: 'SendSms',
      payload,
      timestamp,
    });
    if (req.headers.authorization !== expected) return fail('AuthFailure.SignatureFailure', 'signature mismatch');
    const body = JSON.parse(payload) as {
      PhoneNumberSet: string[];
      SmsSdkAppId: string;
      SignName: string;
      TemplateId: string;
      TemplateParamSet: string[];
    };
    if (body.SmsSdkAppId !== FAKE_SMS.sdkAppId) return fail('FailedOperation.SmsSdkAppIdVerifyFail', 'app id');
    if (
      !Array.isArray(body.PhoneNumberSet) ||
      body.PhoneNumberSet.length === 0 ||
      body.PhoneNumberSet.length > SMS_BATCH
    )
      return fail('LimitExceeded.PhoneNumberCountLimit', 'numbers');
    if (!body.SignName || !body.TemplateId) return fail('MissingParameter', 'sign or template');
    const at = new Date().toISOString();
    const statuses = body.PhoneNumberSet.map((p) => {
      const ok = /^\+861[3-9]\d{9}$/.test(p) && !p.startsWith('+86170');
      if (ok)
        sent.push({
          phone: p.replace(/^\+86/, ''),
          templateId: body.TemplateId,
          params: body.TemplateParamSet,
          signName: body.SignName,
          at,
        });
      return {
        SerialNo: ok ? randomUUID() : '',
        PhoneNumber: p,
        Fee: ok ? 1 : 0,
        Code: ok ? 'Ok' : 'FailedOperation.PhoneNumberInBlacklist',
        Message: ok ? 'send success' : 'blacklist',
      };
    });
    reply({ Response: { SendStatusSet: statuses, RequestId: randomUUID() } });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${bound}/`,
    sent,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
