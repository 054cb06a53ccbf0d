// Content-Encoding for the server's own answers: the static build is precompressed at build time
// (static-files.ts); the API's JSON is compressed as it is sent, when it is large enough to gain.
import type http from 'node:http';
import { promisify } from 'node:util';
import zlib from 'node:zlib';

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/** Below this, compression costs more than the bytes it saves (check-in's answer is ~60 bytes). */
export const COMPRESS_MIN_BYTES = 1024;

/** Encodings the client accepts, from Accept-Encoding (a q of 0 refuses one). */
export function acceptedEncodings(header: string | string[] | undefined): Set<string> {
  const out = new Set<string>();
  for (const part of String(header ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if (name && !(q && Number(q.slice(2)) === 0)) out.add(name);
  }
  return out;
}

/**
 * Writes a JSON answer, brotli- (quality 4: fast, as a web server does on the fly) or gzip-compressed
 * when the client accepts it and the body is at least COMPRESS_MIN_BYTES. Compression runs off the event
 * loop (libuv's thread pool), so a large report does not hold up other requests.
 */
export async function sendJson(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  status: number,
  headers: Record<string, string>,
  payload: Buffer,
): Promise<void> {
  let body = payload;
  let encoding: string | null = null;
  if (payload.length >= COMPRESS_MIN_BYTES) {
    const ok = acceptedEncodings(req.headers['accept-encoding']);
    if (ok.has('br')) {
      body = await brotli(payload, {
        params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: payload.length },
      });
      encoding = 'br';
    } else if (ok.has('gzip')) {
      body = await gzip(payload, { level: 6 });
      encoding = 'gzip';
    }
  }
  if (res.destroyed) return;
  const vary = headers.vary ? `${headers.vary}, accept-encoding` : 'accept-encoding';
  res.writeHead(status, {
    ...headers,
    vary,
    ...(encoding ? { 'content-encoding': encoding } : {}),
    'content-length': String(body.length),
  });
  res.end(body);
}
