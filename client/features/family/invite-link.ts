// The invite code a join link carries: ?inviteCode=… on the page, or inside the scanned link WeChat hands the
// page as ?q=… (扫普通链接二维码打开小程序).
function safeDecode(v: string): string {
  try {
    return decodeURIComponent(v);
  } catch {
    return v;
  }
}

const CODE = /^[A-Za-z0-9-]{4,32}$/;

export function inviteCodeFromParams(params: Record<string, string | undefined>): string {
  if (typeof params.inviteCode === 'string') {
    const code = safeDecode(params.inviteCode).trim();
    return CODE.test(code) ? code : '';
  }
  if (typeof params.q === 'string') {
    const link = safeDecode(params.q);
    const m = /[?&]inviteCode=([^&#]+)/.exec(link);
    if (m) {
      const code = safeDecode(m[1]).trim();
      return CODE.test(code) ? code : '';
    }
  }
  return '';
}
