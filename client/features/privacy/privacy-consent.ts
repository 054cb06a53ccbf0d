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

/** The staff's confidentiality terms (staff:confidentiality), shown when the server's text cannot be loaded. */
export const STAFF_TERMS_SCOPE = 'staff:confidentiality';
export const BUILTIN_STAFF_TERMS: PrivacyNotice = {
  title: '工作人员保密承诺',
  text: [
    '只为家庭心理健康教育指导服务查看和处理家庭信息，不做其他用途。',
    '对工作中知悉的家庭、学生及其心理健康信息保密：不截图、不转发、不向无关人员透露。',
    '只查看本人职责范围内的家庭；查看手机号码、住址等信息时系统会记录。账号只由本人使用。',
  ].join('\n\n'),
  textVersion: null,
};

const cached = new Map<string, PrivacyNotice>();

/** The text in force for `scope` (consents.current), or `builtin` if that call fails (not cached then). */
async function loadText(scope: string, builtin: PrivacyNotice): Promise<PrivacyNotice> {
  const hit = cached.get(scope);
  if (hit) return hit;
  try {
    const texts = await trpc.consents.current.query();
    for (const t of texts) cached.set(t.scope, { title: t.title, text: t.text, textVersion: t.textVersion });
    const found = cached.get(scope);
    if (found) return found;
  } catch {
    // fall through to the built-in text; the next visit tries the server again
  }
  return builtin;
}

/** The notice in force (consents.current, scope privacy:basic), or the built-in one if that call fails. */
export function loadPrivacyNotice(): Promise<PrivacyNotice> {
  return loadText(PRIVACY_SCOPE, BUILTIN_PRIVACY_NOTICE);
}

/** The staff's confidentiality terms in force, or the built-in ones if that call fails. */
export function loadStaffTerms(): Promise<PrivacyNotice> {
  return loadText(STAFF_TERMS_SCOPE, BUILTIN_STAFF_TERMS);
}

/** Records that the signed-in staff member accepted the terms (best effort: signing in goes on regardless). */
export async function grantStaffTerms(terms: PrivacyNotice): Promise<void> {
  if (!terms.textVersion) return;
  try {
    await trpc.consents.grant.mutate({ scope: STAFF_TERMS_SCOPE, textVersion: terms.textVersion });
  } catch {
    // the terms were accepted on screen; the record is retried at the next sign-in
  }
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
