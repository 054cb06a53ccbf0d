// Where the API lives. The web build (H5) is served by the API server: same origin, relative path.
// The mini program calls TARO_APP_API_BASE (set at build time; default http://127.0.0.1:3000 for local runs).
export function trpcUrl(): string {
  if (process.env.TARO_ENV === 'h5') return '/trpc';
  const base = String(process.env.TARO_APP_API_BASE || 'http://127.0.0.1:3000').replace(/\/+$/, '');
  return `${base}/trpc`;
}
