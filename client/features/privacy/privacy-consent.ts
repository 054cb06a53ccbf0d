// The privacy notice and user agreement (consent scope privacy:basic): loading the text in force,
// remembering that the user agreed before logging in, and recording that consent once logged in.
import Taro from '@tarojs/taro';
import { trpc } from '../../lib/trpc';

export const PRIVACY_SCOPE = 'privacy:basic';
const ACCEPTED_KEY = 'heartbridge.privacy.accepted';
const PENDING_KEY = 'heartbridge.privacy.pending';
/** Marks agreement to the built-in notice (the server's text could not be loaded). */
const BUILTIN_VERSION = 'builtin';

export interface PrivacyNotice {
  title: string;
  text: string;
  /** null when the server's text could not be loaded and the built-in notice is shown. */
  textVersion: string | null;
}

export const BUILTIN_PRIVACY_NOTICE: PrivacyNotice = {
  title: '隐私政策与用户协议',
  text: [
    '欢迎使用心桥家庭心理健康教育指导服务平台。本平台由妇联、关工委与学校共同提供家长学校、家访和家庭教育指导服务站点等服务。',
    '为提供上述服务，我们会在你登录后处理：微信身份标识或工作账号、你填写的家庭成员与孩子的姓名和年级、你参加活动与家访的记录。',
    '这些信息仅用于家庭心理健康教育指导服务，不会用于其他目的，也不会提供给无关的第三方。涉及孩子心理健康的内容需要你另行单独同意。',
    '你可以随时查看、更正你的信息，或撤回同意。完整的隐私政策与用户协议将在网络恢复后展示。',
  ].join('\n\n'),
  textVersion: null,
};

let cachedNotice: PrivacyNotice | null = null;

/** The notice in force (consents.current, scope privacy:basic), or the built-in one if that call fails. */
export async function loadPrivacyNotice(): Promise<PrivacyNotice> {
  if (cachedNotice) return cachedNotice;
  try {
    const texts = await trpc.consents.current.query();
    const basic = texts.find((t) => t.scope === PRIVACY_SCOPE);
    if (basic) {
      cachedNotice = { title: basic.title, text: basic.text, textVersion: basic.textVersion };
      return cachedNotice;
    }
  } catch {
    // fall through to the built-in notice; it is not cached, so the next visit tries the server again
  }
  return BUILTIN_PRIVACY_NOTICE;
}

function read(key: string): string | null {
  try {
    const value = Taro.getStorageSync(key);
    return typeof value === 'string' && value ? value : null;
  } catch {
    return null;
  }
}

/** Has this device's user agreed to this notice (or, when offline, to any version)? */
export function isPrivacyAccepted(notice: PrivacyNotice): boolean {
  const accepted = read(ACCEPTED_KEY);
  if (!accepted) return false;
  if (notice.textVersion === null) return true;
  return accepted === notice.textVersion;
}

/** The user tapped 同意并继续: remember it, and record it with the server after login. */
export function acceptPrivacy(notice: PrivacyNotice): void {
  Taro.setStorageSync(ACCEPTED_KEY, notice.textVersion ?? BUILTIN_VERSION);
  if (notice.textVersion) Taro.setStorageSync(PENDING_KEY, notice.textVersion);
}

/** Calls consents.grant for the agreed version, once logged in. Failures are retried on the next visit. */
export async function grantPendingPrivacyConsent(): Promise<void> {
  const textVersion = read(PENDING_KEY);
  if (!textVersion) return;
  try {
    await trpc.consents.grant.mutate({ scope: PRIVACY_SCOPE, textVersion });
    Taro.removeStorageSync(PENDING_KEY);
  } catch {
    // keep it pending; the home page retries
  }
}
