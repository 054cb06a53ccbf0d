import type http from 'node:http';
import { TRPCError, type AnyTRPCRouter, type inferRouterContext } from '@trpc/server';
import { resolveResponse, getHTTPStatusCodeFromError, type HTTPErrorHandler } from '@trpc/server/http';
import {
  getErrorShape,
  getProcedureAtPath,
  getTRPCErrorFromUnknown,
  transformTRPCResponse,
} from '@trpc/server/unstable-core-do-not-import';
import { sendJson } from './encoding';

export interface TrpcHandlerOptions<TRouter extends AnyTRPCRouter> {
  router: TRouter;
  /** URL prefix of the API, e.g. `/trpc/`. */
  basePath: string;
  createContext: (opts: {
    req: http.IncomingMessage;
    res: http.ServerResponse;
  }) => Promise<inferRouterContext<TRouter>>;
  maxBodySize: number;
  onError?: (opts: Parameters<HTTPErrorHandler<TRouter, http.IncomingMessage>>[0]) => void;
}

/** Reads the request body up to `limit` bytes; over the limit rejects with 413. */
function readBody(req: http.IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        reject(new TRPCError({ code: 'PAYLOAD_TOO_LARGE' }));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () =>
      resolve(chunks.length === 1 ? chunks[0].toString('utf8') : Buffer.concat(chunks).toString('utf8')),
    );
    req.on('error', (err) => reject(new TRPCError({ code: 'BAD_REQUEST', cause: err })));
  });
}

function fetchHeaders(incoming: http.IncomingHttpHeaders): Headers {
  const headers = new Headers();
  for (const key in incoming) {
    const value = incoming[key];
    if (Array.isArray(value)) for (const v of value) headers.append(key, v);
    else if (value !== undefined) headers.append(key, value);
  }
  return headers;
}

const JSON_HEADERS = { 'content-type': 'application/json', vary: 'trpc-accept, accept' };

/**
 * The most calls one batched request may hold (the API contract: 10). An anonymous batch of hundreds of
 * calls would otherwise run that many queries against the pool at once.
 */
export const MAX_BATCH_SIZE = 10;

/** A batch over the limit is refused as a whole, before any of its calls runs. */
function batchTooLarge(path: string, search: URLSearchParams | null): TRPCError | null {
  if (search?.get('batch') !== '1' || path.split(',').length <= MAX_BATCH_SIZE) return null;
  return new TRPCError({ code: 'BAD_REQUEST', message: `一次批量请求最多包含 ${MAX_BATCH_SIZE} 个调用，请分开发送` });
}

/**
 * tRPC over node:http for an API whose answers are never streamed (no subscriptions, no
 * httpBatchStreamLink). The body is read into a string, and the answer is written once with a
 * content-length (the standalone adapter pipes a web stream into the socket and ends with a chunked
 * terminator).
 *
 * A single (unbatched) query by GET or mutation by POST — what the API contract's clients send, and
 * the check-in burst — is called directly: the same procedure call, error shape and status as
 * tRPC's `resolveResponse`, without building a Fetch Request and Response and their streams and
 * abort signals around it. Everything else (batches, wrong methods, unknown paths) goes through
 * `resolveResponse` itself. Under a check-in burst this halved the server's CPU per request
 * (README, 性能与可靠性); test/integration/trpc-handler.test.ts holds both paths to the same answers.
 */
export function createTrpcHandler<TRouter extends AnyTRPCRouter>(opts: TrpcHandlerOptions<TRouter>) {
  const base = opts.basePath.replace(/\/+$/, '');
  const config = opts.router._def._config;
  return async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const pathname = q < 0 ? url : url.slice(0, q);
    const path = pathname.slice(base.length).replace(/^\/+|\/+$/g, '');
    const method = req.method ?? 'GET';
    let body: string | undefined;
    let error: TRPCError | null = null;
    if (method !== 'GET' && method !== 'HEAD') {
      try {
        body = await readBody(req, opts.maxBodySize);
      } catch (err) {
        error = err instanceof TRPCError ? err : new TRPCError({ code: 'BAD_REQUEST', cause: err as Error });
      }
    }
    const search = q < 0 ? null : new URLSearchParams(url.slice(q + 1));
    const tooLarge = batchTooLarge(path, search);
    if (tooLarge) return refuse(res, tooLarge);
    if (!error && (await callDirect(req, res, { path, method, body, search }))) return;
    // Aborted when the client goes away before the answer is written (tRPC then stops waiting for it).
    const abort = new AbortController();
    res.once('close', () => {
      if (!res.writableFinished) abort.abort();
    });
    const request = new Request(`http://${req.headers.host ?? 'localhost'}${url}`, {
      method,
      headers: fetchHeaders(req.headers),
      body: error ? undefined : body,
      signal: abort.signal,
    });
    const response = await resolveResponse({
      router: opts.router,
      req: request,
      path,
      error,
      maxBatchSize: MAX_BATCH_SIZE,
      createContext: () => opts.createContext({ req, res }),
      onError: (o) => opts.onError?.({ ...o, req }),
    });
    const payload = Buffer.from(await response.arrayBuffer());
    if (res.destroyed) return;
    const headers: Record<string, string> = {};
    response.headers.forEach((value, key) => {
      if (key !== 'content-length') headers[key] = value;
    });
    await sendJson(req, res, response.status, headers, payload);
  };

  /** Answers an error before any procedure runs (in the shape tRPC gives a request it cannot read). */
  function refuse(res: http.ServerResponse, error: TRPCError) {
    const shape = getErrorShape({ config, ctx: undefined, error, input: undefined, path: undefined, type: 'unknown' });
    const payload = Buffer.from(JSON.stringify(transformTRPCResponse(config, { error: shape })));
    res.writeHead(getHTTPStatusCodeFromError(error), { ...JSON_HEADERS, 'content-length': payload.length });
    res.end(payload);
  }

  /** The unbatched call, as `resolveResponse` would answer it; false when the request is not one. */
  async function callDirect(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    call: { path: string; method: string; body: string | undefined; search: URLSearchParams | null },
  ): Promise<boolean> {
    if (call.search?.has('batch') || req.headers['trpc-accept'] !== undefined) return false;
    const type = call.method === 'GET' ? 'query' : call.method === 'POST' ? 'mutation' : null;
    if (
      !type ||
      (type === 'mutation' &&
        !String(req.headers['content-type'] ?? '')
          .toLowerCase()
          .startsWith('application/json'))
    )
      return false;
    let decoded: string;
    try {
      decoded = decodeURIComponent(call.path);
    } catch {
      return false;
    }
    const procedure = await getProcedureAtPath(opts.router, decoded);
    if (!procedure || procedure._def.type !== type) return false;

    const text = type === 'query' ? call.search?.get('input') : call.body;
    let input: unknown;
    const getRawInput = async () => {
      try {
        input = text ? config.transformer.input.deserialize(JSON.parse(text)) : undefined;
      } catch (cause) {
        throw new TRPCError({
          code: 'BAD_REQUEST',
          message: cause instanceof Error ? cause.message : 'Invalid input',
          cause,
        });
      }
      return input;
    };
    let ctx: inferRouterContext<TRouter> | undefined;
    let body: unknown;
    let status = 200;
    try {
      ctx = await opts.createContext({ req, res });
      const data = await procedure({ path: decoded, getRawInput, ctx, type, signal: undefined, batchIndex: 0 });
      body = { result: { data } };
    } catch (cause) {
      const error = getTRPCErrorFromUnknown(cause);
      opts.onError?.({ error, path: decoded, input, ctx, type, req });
      body = { error: getErrorShape({ config, ctx, error, input, path: decoded, type }) };
      status = getHTTPStatusCodeFromError(error);
    }
    const payload = Buffer.from(JSON.stringify(transformTRPCResponse(config, body as never)));
    if (res.destroyed) return true;
    await sendJson(req, res, status, JSON_HEADERS, payload);
    return true;
  }
}
