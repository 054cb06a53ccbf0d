import { AppError } from '../errors/app-error';

export interface WechatClientOptions {
  apiBase: string;
  appId: string;
  secret: string;
  /** Per-request timeout; WeChat's API should answer well within it. */
  timeoutMs?: number;
  fetchImpl?: typeof fetch;
}

export interface SubscribeMessage {
  touser: string;
  template_id: string;
  page?: string;
  data: Record<string, { value: string }>;
  miniprogram_state?: 'developer' | 'trial' | 'formal';
  lang?: 'zh_CN';
}

/**
 * The server's only door to WeChat's API (code2Session, access token, subscribe messages).
 * Runs on the server only: the appsecret and session_key never reach a client.
 */
/** The fields of WeChat's server API answers that this client reads (each answer has some of them). */
interface WechatReply {
  errcode?: number;
  errmsg?: string;
  openid?: unknown;
  unionid?: unknown;
  access_token?: string;
  expires_in?: number;
  phone_info?: { phoneNumber?: unknown; purePhoneNumber?: unknown; countryCode?: unknown };
}

export class WechatClient {
  private accessToken: { value: string; expiresAt: number } | null = null;
  private readonly fetchImpl: typeof fetch;

  constructor(private readonly opts: WechatClientOptions) {
    this.fetchImpl = opts.fetchImpl ?? fetch;
  }

  private async getJson(path: string, init?: RequestInit): Promise<WechatReply> {
    const url = new URL(path, this.opts.apiBase.endsWith('/') ? this.opts.apiBase : `${this.opts.apiBase}/`);
    let res: Response;
    try {
      res = await this.fetchImpl(url, { ...init, signal: AbortSignal.timeout(this.opts.timeoutMs ?? 5000) });
    } catch {
      throw new AppError('SERVICE_UNAVAILABLE', '微信服务暂时无法访问，请稍后再试');
    }
    if (!res.ok) throw new AppError('SERVICE_UNAVAILABLE', '微信服务暂时无法访问，请稍后再试');
    return (await res.json()) as WechatReply;
  }

  /** code2Session: https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/user-login/code2Session.html */
  async code2Session(code: string): Promise<{ openid: string; unionid?: string }> {
    const q = new URLSearchParams({
      appid: this.opts.appId,
      secret: this.opts.secret,
      js_code: code,
      grant_type: 'authorization_code',
    });
    const body = await this.getJson(`sns/jscode2session?${q}`);
    if (body.errcode) {
      if (body.errcode === 40029 || body.errcode === 40163)
        throw new AppError('UNAUTHORIZED', '微信登录凭证无效或已使用，请重新登录');
      if (body.errcode === 45011) throw new AppError('TOO_MANY_REQUESTS', '登录过于频繁，请稍后再试');
      throw new AppError('SERVICE_UNAVAILABLE', '微信登录暂时不可用，请稍后再试');
    }
    if (typeof body.openid !== 'string' || !body.openid)
      throw new AppError('SERVICE_UNAVAILABLE', '微信登录暂时不可用，请稍后再试');
    // body.session_key is deliberately dropped here.
    return { openid: body.openid, unionid: typeof body.unionid === 'string' ? body.unionid : undefined };
  }

  /** Access token for server-side APIs, cached until shortly before it expires. */
  async getAccessToken(): Promise<string> {
    if (this.accessToken && this.accessToken.expiresAt > Date.now() + 60_000) return this.accessToken.value;
    const body = await this.getJson('cgi-bin/stable_token', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'client_credential', appid: this.opts.appId, secret: this.opts.secret }),
    });
    if (!body.access_token) throw new AppError('SERVICE_UNAVAILABLE', '微信接口凭证获取失败');
    this.accessToken = { value: body.access_token, expiresAt: Date.now() + Number(body.expires_in ?? 7200) * 1000 };
    return body.access_token;
  }

  /**
   * getPhoneNumber: exchanges the `code` of the mini program's getPhoneNumber button (the user's tap) for the
   * number the user chose in WeChat. https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/user-info/phone-number/getPhoneNumber.html
   * A stale token (40001, 42001) is fetched again once.
   */
  async getPhoneNumber(code: string): Promise<{ purePhoneNumber: string; countryCode: string }> {
    for (let attempt = 0; ; attempt += 1) {
      const token = await this.getAccessToken();
      const body = await this.getJson(`wxa/business/getuserphonenumber?access_token=${encodeURIComponent(token)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code }),
      });
      if ((body.errcode === 40001 || body.errcode === 42001) && attempt === 0) {
        this.accessToken = null;
        continue;
      }
      if (body.errcode === 40029) throw new AppError('BAD_REQUEST', '微信给出的手机号凭证已失效，请再点一次或直接填写');
      if (body.errcode === 45011) throw new AppError('TOO_MANY_REQUESTS', '操作过于频繁，请稍后再试或直接填写');
      const info = body.phone_info;
      if (body.errcode || !info || typeof info.purePhoneNumber !== 'string')
        throw new AppError('SERVICE_UNAVAILABLE', '暂时无法从微信获取手机号，请直接填写');
      return { purePhoneNumber: info.purePhoneNumber, countryCode: String(info.countryCode ?? '') };
    }
  }

  /**
   * Sends a one-time subscribe message. Returns WeChat's errcode (0 = sent; 43101 = the user has no
   * quota left for this template). Callers keep their own quota count and do not call without quota.
   */
  async sendSubscribeMessage(message: SubscribeMessage): Promise<{ errcode: number; errmsg: string }> {
    const token = await this.getAccessToken();
    const body = await this.getJson(`cgi-bin/message/subscribe/send?access_token=${encodeURIComponent(token)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ lang: 'zh_CN', ...message }),
    });
    if (body.errcode === 40001 || body.errcode === 42001) this.accessToken = null;
    return { errcode: Number(body.errcode ?? 0), errmsg: String(body.errmsg ?? 'ok') };
  }
}
