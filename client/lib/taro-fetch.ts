// A `fetch` for tRPC's links built on Taro.request: the mini program has no fetch, Headers or Response.
// Asks for text and parses JSON here, so WeChat and the web build behave the same.
import Taro from '@tarojs/taro';

type HeadersInput = Record<string, string> | Iterable<[string, string]> | undefined | null;

export interface TaroFetchInit {
  method?: string;
  headers?: HeadersInput;
  body?: unknown;
  signal?: {
    aborted: boolean;
    addEventListener: (type: 'abort', listener: () => void, options?: { once?: boolean }) => void;
    removeEventListener?: (type: 'abort', listener: () => void) => void;
  } | null;
}

export interface ResponseLike {
  ok: boolean;
  status: number;
  statusText: string;
  url: string;
  headers: {
    get(name: string): string | null;
    has(name: string): boolean;
    forEach(callback: (value: string, key: string) => void): void;
  };
  text(): Promise<string>;
  json(): Promise<unknown>;
  clone(): ResponseLike;
}

type RequestMethod = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'HEAD' | 'OPTIONS';

function toPlainHeaders(input: HeadersInput): Record<string, string> {
  const out: Record<string, string> = {};
  if (!input) return out;
  if (typeof (input as Iterable<[string, string]>)[Symbol.iterator] === 'function') {
    for (const [key, value] of input as Iterable<[string, string]>) out[key] = value;
    return out;
  }
  for (const key of Object.keys(input)) out[key] = String((input as Record<string, string>)[key]);
  return out;
}

function makeHeaders(raw: Record<string, unknown> | undefined): ResponseLike['headers'] {
  const map: Record<string, string> = {};
  for (const key of Object.keys(raw ?? {})) map[key.toLowerCase()] = String((raw as Record<string, unknown>)[key]);
  return {
    get: (name) => (Object.prototype.hasOwnProperty.call(map, name.toLowerCase()) ? map[name.toLowerCase()] : null),
    has: (name) => Object.prototype.hasOwnProperty.call(map, name.toLowerCase()),
    forEach: (callback) => {
      for (const key of Object.keys(map)) callback(map[key], key);
    },
  };
}

function makeResponse(
  url: string,
  status: number,
  body: string,
  rawHeaders: Record<string, unknown> | undefined,
): ResponseLike {
  const headers = makeHeaders(rawHeaders);
  const response: ResponseLike = {
    ok: status >= 200 && status < 300,
    status,
    statusText: String(status),
    url,
    headers,
    text: () => Promise.resolve(body),
    json: () => {
      try {
        return Promise.resolve(JSON.parse(body) as unknown);
      } catch {
        return Promise.reject(new Error(`服务器返回了无法识别的内容（HTTP ${status}）`));
      }
    },
    clone: () => makeResponse(url, status, body, rawHeaders),
  };
  return response;
}

function abortError(): Error {
  return Object.assign(new Error('请求已取消'), { name: 'AbortError' });
}

function networkError(detail: unknown): Error {
  const raw = detail && typeof detail === 'object' ? (detail as { errMsg?: string; message?: string }) : {};
  return Object.assign(new Error('网络连接失败，请检查网络后重试'), {
    name: 'NetworkError',
    detail: raw.errMsg ?? raw.message ?? String(detail),
  });
}

export function taroFetch(
  url: string | { url: string } | { toString(): string },
  init: TaroFetchInit = {},
): Promise<ResponseLike> {
  const target = typeof url === 'string' ? url : 'url' in url && typeof url.url === 'string' ? url.url : String(url);
  return new Promise<ResponseLike>((resolve, reject) => {
    const signal = init.signal ?? null;
    if (signal?.aborted) {
      reject(abortError());
      return;
    }
    let settled = false;
    const onAbort = () => {
      if (settled) return;
      settled = true;
      const abort = (task as unknown as { abort?: () => void }).abort;
      if (typeof abort === 'function') abort.call(task);
      reject(abortError());
    };
    const task = Taro.request({
      url: target,
      method: (init.method ?? 'GET').toUpperCase() as RequestMethod,
      header: toPlainHeaders(init.headers),
      data: init.body === undefined || init.body === null ? undefined : (init.body as string),
      dataType: 'text',
      responseType: 'text',
    });
    signal?.addEventListener('abort', onAbort, { once: true });
    Promise.resolve(task).then(
      (res) => {
        signal?.removeEventListener?.('abort', onAbort);
        if (settled) return;
        settled = true;
        const body = typeof res.data === 'string' ? res.data : res.data == null ? '' : JSON.stringify(res.data);
        resolve(makeResponse(target, res.statusCode, body, res.header as Record<string, unknown> | undefined));
      },
      (err: unknown) => {
        signal?.removeEventListener?.('abort', onAbort);
        if (settled) return;
        settled = true;
        reject(networkError(err));
      },
    );
  });
}
