// Where the API lives. The web build (H5) is served by the API server: same origin, relative path.
// The mini program calls TARO_APP_API_BASE (set at build time; default http://127.0.0.1:3000 for local runs).
/**
 * A link to one of our pages that works outside the app: the web build's own origin, or in the mini program
 * the server's (TARO_APP_API_BASE). In production the mini program's 扫普通链接二维码打开小程序 rule covers that
 * prefix, so WeChat's own scanner opens the page itself (with the link in ?q=); a phone camera opens the web page.
 */
export function pageLink(pathWithQuery: string): string {
  if (process.env.TARO_ENV === 'h5' && typeof location !== 'undefined') return `${location.origin}${pathWithQuery}`;
  const base = String(process.env.TARO_APP_API_BASE || 'http://127.0.0.1:3000').replace(/\/+$/, '');
  return `${base}${pathWithQuery}`;
}

export function trpcUrl(): string {
  if (process.env.TARO_ENV === 'h5') return '/trpc';
  const base = String(process.env.TARO_APP_API_BASE || 'http://127.0.0.1:3000').replace(/\/+$/, '');
  return `${base}/trpc`;
}
