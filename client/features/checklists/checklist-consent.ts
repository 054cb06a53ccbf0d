// The separate consent for sensitive data (scope sensitive:checklist). The server records it (consents.grant),
// refuses submissions without it, and answers "which consents do I hold" (consents.mine): that answer decides.
// This device also remembers the text version the signed-in user agreed to, as a cache used only when
// consents.mine cannot be reached; a stale memory is harmless (granting again is idempotent, and a refused
// submission forgets it, see forgetChecklistConsent).
import Taro from '@tarojs/taro';
import { errorCode } from '../../lib/api-error';
import { trpc } from '../../lib/trpc';

export const CHECKLIST_CONSENT_SCOPE = 'sensitive:checklist';

export interface ConsentText {
  scope: string;
  textVersion: string;
  title: string;
  text: string;
}

const key = (userId: string) => `heartbridge.checklist-consent.${userId}`;

/** The consent text in force for checklists, or null when the server has none. */
export async function loadChecklistConsentText(): Promise<ConsentText | null> {
  const texts = await trpc.consents.current.query();
  return texts.find((t) => t.scope === CHECKLIST_CONSENT_SCOPE) ?? null;
}

export function consentedVersion(userId: string): string | null {
  try {
    const value = Taro.getStorageSync(key(userId));
    return typeof value === 'string' && value ? value : null;
  } catch {
    return null;
  }
}

/** From the device's memory only (the fallback when the server cannot say). */
export function hasChecklistConsent(userId: string, text: ConsentText | null): boolean {
  return text !== null && consentedVersion(userId) === text.textVersion;
}

export interface ChecklistConsent {
  /** The consent text in force, or null when the server has none. */
  text: ConsentText | null;
  /** The parent holds a consent to the text in force (not withdrawn). */
  consented: boolean;
  /** The text version agreed to, and when (grantedAt is null when only the device's memory says so). */
  version: string | null;
  grantedAt: string | null;
}

function remember(userId: string, version: string | null): void {
  try {
    if (version) Taro.setStorageSync(key(userId), version);
    else Taro.removeStorageSync(key(userId));
  } catch {
    // storage unavailable: the server's answer is used as it is
  }
}

/**
 * Whether the signed-in parent currently consents to checklists: consents.mine (a current, not withdrawn
 * sensitive:checklist consent to the text in force) decides and refreshes the device's memory; when that
 * query fails for another reason than the session, the memory answers.
 */
export async function loadChecklistConsent(userId: string): Promise<ChecklistConsent> {
  const [text, mine] = await Promise.all([
    loadChecklistConsentText(),
    trpc.consents.mine.query().catch((e: unknown) => {
      if (errorCode(e) === 'UNAUTHORIZED') throw e;
      return null;
    }),
  ]);
  if (!mine) {
    const consented = hasChecklistConsent(userId, text);
    return { text, consented, version: consented ? consentedVersion(userId) : null, grantedAt: null };
  }
  const held =
    mine.find(
      (c) => c.scope === CHECKLIST_CONSENT_SCOPE && c.current && (!text || c.textVersion === text.textVersion),
    ) ?? null;
  const consented = text !== null && held !== null;
  remember(userId, consented ? held.textVersion : null);
  return { text, consented, version: held?.textVersion ?? null, grantedAt: held?.grantedAt ?? null };
}

/** The parent tapped 同意: record it with the server, then remember it here. */
export async function grantChecklistConsent(userId: string, text: ConsentText): Promise<void> {
  await trpc.consents.grant.mutate({ scope: CHECKLIST_CONSENT_SCOPE, textVersion: text.textVersion });
  Taro.setStorageSync(key(userId), text.textVersion);
}

export function forgetChecklistConsent(userId: string): void {
  try {
    Taro.removeStorageSync(key(userId));
  } catch {
    // storage unavailable: nothing to forget
  }
}

/** Withdraws the consent and deletes every saved response of the family (one server transaction). */
export async function withdrawChecklistConsent(userId: string): Promise<number> {
  const { deleted } = await trpc.checklists.withdrawAndDelete.mutate();
  forgetChecklistConsent(userId);
  return deleted;
}
