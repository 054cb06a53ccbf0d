import http from 'node:http';
import path from 'node:path';
import { appRouter } from './routers/root';
import { createContextFactory, type AppDeps } from './trpc/context';
import { createStaticHandler } from './http/static-files';
import { createTrpcHandler } from './http/trpc-handler';

const SECURITY_HEADERS: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'permissions-policy': 'camera=(), microphone=(), geolocation=()',
};

export interface AppOptions {
  webRoot?: string;
}

/**
 * The HTTP surface: tRPC at /trpc, /healthz, and the H5 build at /. Keeps no state that matters
 * in memory, so several processes can run behind a load balancer.
 */
export function createApp(deps: AppDeps, opts: AppOptions = {}): http.Server {
  const trpc = createTrpcHandler({
    router: appRouter,
    basePath: '/trpc/',
    createContext: createContextFactory(deps),
    maxBodySize: 1024 * 1024,
    onError({ error, path: procedure, type }) {
      if (error.code === 'INTERNAL_SERVER_ERROR') {
        // The cause's message may hold data; log its kind and stack location only.
        deps.log.error(
          { procedure, type, err: { name: error.cause?.name, stack: error.cause?.stack } },
          'procedure failed',
        );
      }
    },
  });
  const staticFiles = createStaticHandler(opts.webRoot ?? path.resolve(__dirname, '..', 'client', 'dist', 'h5'));

  return http.createServer(async (req, res) => {
    const started = process.hrtime.bigint();
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) res.setHeader(k, v);
    const url = req.url ?? '/';
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      // Path only: query strings carry procedure input.
      deps.log.info(
        { method: req.method, path: url.split('?')[0], status: res.statusCode, ms: Math.round(ms) },
        'request',
      );
    });
    if (url.startsWith('/trpc/') || url === '/trpc') {
      res.setHeader('access-control-allow-origin', '*');
      res.setHeader('access-control-allow-headers', 'authorization, content-type, trpc-accept, x-trpc-source');
      res.setHeader('access-control-allow-methods', 'GET, POST, OPTIONS');
      res.setHeader('cache-control', 'no-store');
      if (req.method === 'OPTIONS') {
        res.writeHead(204).end();
        return;
      }
      // The contract's clients POST plain JSON; read the body as JSON whatever content-type they sent
      // (fetch with a string body says text/plain).
      if (req.method === 'POST' && !String(req.headers['content-type'] ?? '').startsWith('application/json')) {
        req.headers['content-type'] = 'application/json';
      }
      trpc(req, res).catch((err: Error) => {
        // resolveResponse answers every error itself; this is only a last resort (never a stack to the client).
        deps.log.error({ err: { name: err?.name, stack: err?.stack } }, 'tRPC handler failed');
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            error: {
              message: '服务器内部错误，请稍后再试',
              code: -32603,
              data: { code: 'INTERNAL_SERVER_ERROR', httpStatus: 500 },
            },
          }),
        );
      });
      return;
    }
    if (url === '/healthz' || url.startsWith('/healthz?')) {
      res.setHeader('cache-control', 'no-store');
      const ok = await Promise.race([
        deps.db.$queryRaw`SELECT 1`.then(
          () => true,
          () => false,
        ),
        new Promise<boolean>((r) => setTimeout(() => r(false), 2000).unref()),
      ]);
      res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' });
      res.end(JSON.stringify(ok ? { ok: true } : { ok: false, error: '数据库暂时不可用' }));
      return;
    }
    staticFiles(req, res);
  });
}
