/**
 * The `wx` object of the simulated WeChat runtime: the APIs the built mini program uses, with
 * wx.request going over node:http to the test server. Callback style (success/fail/complete), as in WeChat;
 * Taro promisifies them itself (it lists `Object.keys(wx)`, so every API is an own property).
 */
import http from 'node:http';

export interface RecordedRequest {
  /** The URL the mini program asked for (its compiled-in API base). */
  url: string;
  /** Where the harness sent it (the test server). */
  target: string;
  method: string;
  header: Record<string, string>;
  body: string | undefined;
  status?: number;
  response?: string;
}

export interface WxHost {
  serverUrl: string;
  loginCode(): string;
  navigate(
    kind: 'navigateTo' | 'redirectTo' | 'reLaunch' | 'switchTab' | 'navigateBack',
    options: { url?: string; delta?: number },
  ): Promise<void>;
  /** Runs `fn` later on the runtime's own (tracked) timers. */
  later(fn: () => void): void;
  /** Turns a JSON value into an object of the mini program's realm. */
  toVm<T>(value: T): T;
  /** The user's font size in WeChat (我 → 设置 → 通用 → 字体大小), in px: 16 is standard. */
  fontSizeSetting: number;
}

export interface WxRecords {
  requests: RecordedRequest[];
  ui: Array<{ api: string; options: Record<string, unknown> }>;
  storage: Map<string, unknown>;
  privacyHandlers: Array<(resolve: (r: unknown) => void, info: unknown) => void>;
  inflight: Set<http.ClientRequest>;
}

type Callbacks = { success?: (r: unknown) => void; fail?: (r: unknown) => void; complete?: (r: unknown) => void };

export function createWx(host: WxHost): { wx: Record<string, unknown>; records: WxRecords } {
  const records: WxRecords = { requests: [], ui: [], storage: new Map(), privacyHandlers: [], inflight: new Set() };
  const settle = (opts: Callbacks | undefined, ok: boolean, result: Record<string, unknown>) =>
    host.later(() => {
      const r = host.toVm(result);
      if (ok) opts?.success?.(r);
      else opts?.fail?.(r);
      opts?.complete?.(r);
    });
  const okApi =
    (api: string, result: Record<string, unknown> = {}) =>
    (opts?: Callbacks) =>
      settle(opts, true, { errMsg: `${api}:ok`, ...result });
  const uiApi =
    (api: string, result: Record<string, unknown> = {}) =>
    (opts: Callbacks & Record<string, unknown> = {}) => {
      const { success, fail, complete, ...rest } = opts;
      records.ui.push({ api, options: rest });
      settle(opts, true, { errMsg: `${api}:ok`, ...result });
    };
  const noop = () => undefined;
  const windowInfo = {
    pixelRatio: 2,
    screenWidth: 375,
    screenHeight: 812,
    windowWidth: 375,
    windowHeight: 724,
    statusBarHeight: 44,
    safeArea: { left: 0, right: 375, top: 44, bottom: 778, width: 375, height: 734 },
  };
  const deviceInfo = { brand: 'devtools', model: 'iPhone X', system: 'iOS 16.0', platform: 'devtools' };
  const appBaseInfo = {
    SDKVersion: '3.4.0',
    language: 'zh_CN',
    version: '8.0.50',
    theme: 'light',
    enableDebug: false,
    fontSizeSetting: host.fontSizeSetting,
  };

  function request(
    opts: Callbacks & {
      url: string;
      method?: string;
      data?: unknown;
      header?: Record<string, string>;
      dataType?: string;
    },
  ) {
    const original = String(opts.url);
    const asked = new URL(original);
    const target = new URL(asked.pathname + asked.search, host.serverUrl);
    const method = (opts.method ?? 'GET').toUpperCase();
    const header: Record<string, string> = { 'content-type': 'application/json' };
    for (const [k, v] of Object.entries(opts.header ?? {})) header[k.toLowerCase()] = String(v);
    let body: string | undefined;
    if (opts.data !== undefined && opts.data !== null) {
      if (method === 'GET' && typeof opts.data === 'object') {
        for (const [k, v] of Object.entries(opts.data as Record<string, unknown>))
          target.searchParams.append(k, String(v));
      } else if (method !== 'GET') {
        body = typeof opts.data === 'string' ? opts.data : JSON.stringify(opts.data);
      }
    }
    const record: RecordedRequest = { url: original, target: target.toString(), method, header, body };
    records.requests.push(record);
    let done = false;
    const req = http.request(
      target,
      { method, headers: body === undefined ? header : { ...header, 'content-length': Buffer.byteLength(body) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          records.inflight.delete(req);
          if (done) return;
          done = true;
          const text = Buffer.concat(chunks).toString('utf8');
          record.status = res.statusCode;
          record.response = text;
          let data: unknown = text;
          if ((opts.dataType ?? 'json') === 'json') {
            try {
              data = JSON.parse(text);
            } catch {
              /* WeChat hands over the raw text */
            }
          }
          settle(opts, true, {
            data,
            statusCode: res.statusCode,
            header: { ...res.headers },
            cookies: [],
            errMsg: 'request:ok',
          });
        });
      },
    );
    req.on('error', (e) => {
      records.inflight.delete(req);
      if (done) return;
      done = true;
      settle(opts, false, { errMsg: `request:fail ${e.message}` });
    });
    records.inflight.add(req);
    if (body !== undefined) req.write(body);
    req.end();
    return {
      abort() {
        if (done) return;
        done = true;
        req.destroy();
        records.inflight.delete(req);
        settle(opts, false, { errMsg: 'request:fail abort' });
      },
      onHeadersReceived: noop,
      offHeadersReceived: noop,
      onChunkReceived: noop,
      offChunkReceived: noop,
    };
  }

  const navApi =
    (kind: Parameters<WxHost['navigate']>[0]) =>
    (opts: Callbacks & { url?: string; delta?: number } = {}) => {
      host.navigate(kind, opts).then(
        () => settle(opts, true, { errMsg: `${kind}:ok` }),
        (e: Error) => settle(opts, false, { errMsg: `${kind}:fail ${e.message}` }),
      );
    };

  const wx: Record<string, unknown> = {
    request,
    login: (opts?: Callbacks) => settle(opts, true, { code: host.loginCode(), errMsg: 'login:ok' }),
    checkSession: okApi('checkSession'),
    getStorageSync: (key: string) => (records.storage.has(key) ? host.toVm(records.storage.get(key)) : ''),
    setStorageSync: (key: string, value: unknown) =>
      void records.storage.set(key, JSON.parse(JSON.stringify(value ?? null))),
    removeStorageSync: (key: string) => void records.storage.delete(key),
    clearStorageSync: () => records.storage.clear(),
    getStorage: (opts: Callbacks & { key: string }) =>
      records.storage.has(opts.key)
        ? settle(opts, true, { data: records.storage.get(opts.key), errMsg: 'getStorage:ok' })
        : settle(opts, false, { errMsg: 'getStorage:fail data not found' }),
    setStorage: (opts: Callbacks & { key: string; data: unknown }) => {
      records.storage.set(opts.key, JSON.parse(JSON.stringify(opts.data ?? null)));
      settle(opts, true, { errMsg: 'setStorage:ok' });
    },
    removeStorage: (opts: Callbacks & { key: string }) => {
      records.storage.delete(opts.key);
      settle(opts, true, { errMsg: 'removeStorage:ok' });
    },
    getSystemInfoSync: () => host.toVm({ ...windowInfo, ...deviceInfo, ...appBaseInfo }),
    getSystemInfo: (opts?: Callbacks) =>
      settle(opts, true, { ...windowInfo, ...deviceInfo, ...appBaseInfo, errMsg: 'getSystemInfo:ok' }),
    getWindowInfo: () => host.toVm(windowInfo),
    getDeviceInfo: () => host.toVm(deviceInfo),
    getAppBaseInfo: () => host.toVm(appBaseInfo),
    getMenuButtonBoundingClientRect: () =>
      host.toVm({ width: 87, height: 32, top: 48, right: 368, bottom: 80, left: 281 }),
    getLaunchOptionsSync: () => host.toVm({ path: '', query: {}, scene: 1001, referrerInfo: {} }),
    getEnterOptionsSync: () => host.toVm({ path: '', query: {}, scene: 1001, referrerInfo: {} }),
    getAccountInfoSync: () =>
      host.toVm({ miniProgram: { appId: 'wx-demo-appid', envVersion: 'develop', version: '' } }),
    showToast: uiApi('showToast'),
    hideToast: uiApi('hideToast'),
    showLoading: uiApi('showLoading'),
    hideLoading: uiApi('hideLoading'),
    showModal: uiApi('showModal', { confirm: true, cancel: false }),
    showActionSheet: uiApi('showActionSheet', { tapIndex: 0 }),
    setNavigationBarTitle: uiApi('setNavigationBarTitle'),
    stopPullDownRefresh: okApi('stopPullDownRefresh'),
    pageScrollTo: okApi('pageScrollTo'),
    hideKeyboard: okApi('hideKeyboard'),
    vibrateShort: okApi('vibrateShort'),
    getNetworkType: okApi('getNetworkType', { networkType: 'wifi' }),
    navigateTo: navApi('navigateTo'),
    redirectTo: navApi('redirectTo'),
    reLaunch: navApi('reLaunch'),
    switchTab: navApi('switchTab'),
    navigateBack: navApi('navigateBack'),
    onNeedPrivacyAuthorization: (handler: WxRecords['privacyHandlers'][number]) =>
      void records.privacyHandlers.push(handler),
    requirePrivacyAuthorize: okApi('requirePrivacyAuthorize'),
    getPrivacySetting: okApi('getPrivacySetting', {
      needAuthorization: false,
      privacyContractName: '心桥隐私保护指引',
    }),
    nextTick: (fn: () => void) => host.later(fn),
    canIUse: () => true,
    getUpdateManager: () => ({ onCheckForUpdate: noop, onUpdateReady: noop, onUpdateFailed: noop, applyUpdate: noop }),
    createSelectorQuery: () => {
      const query = {
        in: () => query,
        select: () => nodesRef,
        selectAll: () => nodesRef,
        selectViewport: () => nodesRef,
        exec: (cb?: (r: unknown[]) => void) => host.later(() => cb?.(host.toVm([null]))),
      };
      const nodesRef = {
        boundingClientRect: () => query,
        scrollOffset: () => query,
        fields: () => query,
        node: () => query,
        context: () => query,
      };
      return query;
    },
    createIntersectionObserver: () => ({
      relativeTo: () => undefined,
      relativeToViewport: () => undefined,
      observe: noop,
      disconnect: noop,
    }),
    reportAnalytics: noop,
    onAppShow: noop,
    offAppShow: noop,
    onAppHide: noop,
    offAppHide: noop,
    onError: noop,
    offError: noop,
    onUnhandledRejection: noop,
    onPageNotFound: noop,
    onMemoryWarning: noop,
    onNetworkStatusChange: noop,
    onWindowResize: noop,
    offWindowResize: noop,
  };
  return { wx, records };
}
