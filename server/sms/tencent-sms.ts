// Tencent Cloud SMS (短信 SendSms, API version 2021-01-11), the one small client of an SMS provider: a signed
// JSON POST (TC3-HMAC-SHA256) per batch of at most 200 numbers. Used only to invite rostered households that
// have not joined the app, at the mobile number their school put on the roster.
import { createHash, createHmac } from 'node:crypto';
import { AppError } from '../errors/app-error';

export interface SmsClientOptions {
  /** The API endpoint (https://sms.tencentcloudapi.com, or the loopback fake in tests and the demo). */
  apiBase: string;
  secretId: string;
  secretKey: string;
  sdkAppId: string;
  signName: string;
  timeoutMs?: number;
}

export interface SmsResult {
  phone: string;
  ok: boolean;
  /** The provider's code ("Ok", or why not: LimitExceeded.PhoneNumberDailyLimit …). */
  code: string;
  serialNo: string | null;
}

/** Tencent Cloud's limit of numbers per SendSms call. */
export const SMS_BATCH = 200;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const hmac = (key: Buffer | string, s: string) => createHmac('sha256', key).update(s).digest();

/**
 * The TC3-HMAC-SHA256 Authorization header of a request to service `sms` (Tencent Cloud API 3.0 signing).
 * The fake server checks it the same way.
 */
export function tc3Authorization(args: {
  secretId: string;
  secretKey: string;
  host: string;
  action: string;
  payload: string;
  timestamp: number;
}): string {
  const date = new Date(args.timestamp * 1000).toISOString().slice(0, 10);
  const signedHeaders = 'content-type;host;x-tc-action';
  const canonical = [
    'POST',
    '/',
    '',
    `content-type:application/json; charset=utf-8\nhost:${args.host}\nx-tc-action:${args.action.toLowerCase()}\n`,
    signedHeaders,
    sha256(args.payload),
  ].join('\n');
  const scope = `${date}/sms/tc3_request`;
  const toSign = ['TC3-HMAC-SHA256', String(args.timestamp), scope, sha256(canonical)].join('\n');
  const key = hmac(hmac(hmac(`TC3${args.secretKey}`, date), 'sms'), 'tc3_request');
  const signature = createHmac('sha256', key).update(toSign).digest('hex');
  return `TC3-HMAC-SHA256 Credential=${args.secretId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
}

interface SendSmsReply {
  Response?: {
    Error?: { Code: string; Message: string };
    SendStatusSet?: { SerialNo: string; PhoneNumber: string; Code: string; Message: string }[];
  };
}

export class SmsClient {
  constructor(private readonly opts: SmsClientOptions) {}

  /** Sends one template message to each number (mainland mobiles, 11 digits); one result per number. */
  async send(phones: string[], templateId: string, params: string[]): Promise<SmsResult[]> {
    const results: SmsResult[] = [];
    for (let i = 0; i < phones.length; i += SMS_BATCH) {
      results.push(...(await this.sendBatch(phones.slice(i, i + SMS_BATCH), templateId, params)));
    }
    return results;
  }

  private async sendBatch(phones: string[], templateId: string, params: string[]): Promise<SmsResult[]> {
    const url = new URL(this.opts.apiBase);
    const payload = JSON.stringify({
      PhoneNumberSet: phones.map((p) => `+86${p}`),
      SmsSdkAppId: this.opts.sdkAppId,
      SignName: this.opts.signName,
      TemplateId: templateId,
      TemplateParamSet: params,
    });
    const timestamp = Math.floor(Date.now() / 1000);
    let reply: SendSmsReply;
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json; charset=utf-8',
          authorization: tc3Authorization({ ...this.opts, host: url.host, action: 'SendSms', payload, timestamp }),
          'x-tc-action': 'SendSms',
          'x-tc-version': '2021-01-11',
          'x-tc-timestamp': String(timestamp),
          'x-tc-region': 'ap-guangzhou',
        },
        body: payload,
        signal: AbortSignal.timeout(this.opts.timeoutMs ?? 10_000),
      });
      reply = (await res.json()) as SendSmsReply;
    } catch {
      throw new AppError('SERVICE_UNAVAILABLE', '短信服务暂时无法访问，请稍后再试');
    }
    const error = reply.Response?.Error;
    if (error)
      throw new AppError('SERVICE_UNAVAILABLE', `短信服务拒绝了请求（${error.Code}），请联系管理员检查短信配置`);
    const statuses = new Map((reply.Response?.SendStatusSet ?? []).map((s) => [s.PhoneNumber.replace(/^\+86/, ''), s]));
    return phones.map((phone) => {
      const s = statuses.get(phone);
      return { phone, ok: s?.Code === 'Ok', code: s?.Code ?? 'NoStatus', serialNo: s?.SerialNo ?? null };
    });
  }
}

/** The SMS client of the environment, or null when SMS is not configured (SMS_API_BASE unset). */
export function smsFromEnv(env: {
  SMS_API_BASE?: string;
  SMS_SECRET_ID: string;
  SMS_SECRET_KEY: string;
  SMS_SDK_APP_ID: string;
  SMS_SIGN_NAME: string;
}): SmsClient | null {
  if (!env.SMS_API_BASE) return null;
  return new SmsClient({
    apiBase: env.SMS_API_BASE,
    secretId: env.SMS_SECRET_ID,
    secretKey: env.SMS_SECRET_KEY,
    sdkAppId: env.SMS_SDK_APP_ID,
    signName: env.SMS_SIGN_NAME,
  });
}
