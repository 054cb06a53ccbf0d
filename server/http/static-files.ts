import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { acceptedEncodings } from './encoding';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.map': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Content-Security-Policy for the web build: scripts only from this origin, plus the hashes of the
 * inline scripts the build put in index.html (Taro's rem sizing); no plugins, no framing.
 */
export function contentSecurityPolicy(html: string): string {
  const hashes = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map(
    (m) => `'sha256-${createHash('sha256').update(m[1]).digest('base64')}'`,
  );
  return [
    "default-src 'self'",
    `script-src 'self' ${hashes.join(' ')}`.trim(),
    // Taro and NutUI set inline style attributes.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** A file name with a content hash (js/app.1a2b3c4d.js, css/app.0f9e….css): it never changes. */
const HASHED = /\.[0-9a-f]{8,}\.(js|css)$/;

/**
 * Hashed assets are cached for a year and never revalidated; index.html is revalidated on every visit (it
 * names the current hashed files); anything else (icons) for a day.
 */
export function cacheControl(fileName: string): string {
  if (fileName.endsWith('.html')) return 'no-cache';
  if (HASHED.test(fileName)) return 'public, max-age=31536000, immutable';
  return 'public, max-age=86400';
}

/**
 * The build's precompressed sibling of `file` (.br, else .gz) when the client accepts it; otherwise the
 * file itself. `vary` when a compressed sibling exists, so that caches keep one copy per encoding.
 */
export function precompressed(file: string, acceptEncoding: string | string[] | undefined) {
  const ok = acceptedEncodings(acceptEncoding);
  const siblings = [
    { encoding: 'br', file: `${file}.br` },
    { encoding: 'gzip', file: `${file}.gz` },
  ].filter((s) => fs.existsSync(s.file));
  const chosen = siblings.find((s) => ok.has(s.encoding));
  return chosen ? { ...chosen, vary: true } : { encoding: null, file, vary: siblings.length > 0 };
}

/**
 * Serves the H5 build: files by path, and index.html for any other GET without a file extension
 * (client-side routes). Never reads outside `root`.
 */
export function createStaticHandler(root: string) {
  const absRoot = path.resolve(root);
  return (req: IncomingMessage, res: ServerResponse): void => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { 'content-type': 'text/plain; charset=utf-8' }).end('请求方法不正确');
      return;
    }
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    } catch {
      res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' }).end('请求地址不正确');
      return;
    }
    let file = path.resolve(absRoot, `.${pathname}`);
    // Inside the root, not merely starting like it: a sibling folder named like the root (h5-backup) is outside.
    const relative = path.relative(absRoot, file);
    if (relative.startsWith('..') || path.isAbsolute(relative)) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('页面不存在');
      return;
    }
    const isAsset = path.extname(pathname) !== '';
    if (!isAsset || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      if (isAsset) {
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('文件不存在');
        return;
      }
      file = path.join(absRoot, 'index.html');
    }
    if (!fs.existsSync(file)) {
      res
        .writeHead(503, { 'content-type': 'text/plain; charset=utf-8' })
        .end('网页版尚未构建：请先运行 npm run build:h5（npm start 会自动构建）');
      return;
    }
    const ext = path.extname(file);
    const headers: Record<string, string> = { 'content-type': TYPES[ext] ?? 'application/octet-stream' };
    headers['cache-control'] = cacheControl(path.basename(file));
    // The CSP hashes the inline scripts of the HTML itself, whichever encoding is sent.
    if (ext === '.html') headers['content-security-policy'] = contentSecurityPolicy(fs.readFileSync(file, 'utf8'));
    const encoded = precompressed(file, req.headers['accept-encoding']);
    if (encoded.vary) headers.vary = 'Accept-Encoding';
    if (encoded.encoding) headers['content-encoding'] = encoded.encoding;
    headers['content-length'] = String(fs.statSync(encoded.file).size);
    res.writeHead(200, headers);
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    file = encoded.file;
    fs.createReadStream(file).pipe(res);
  };
}
