// The separate consent for sensitive data (scope sensitive:checklist). The server records it (consents.grant)
// and refuses submissions without it; it has no query for "do I consent", so this device remembers which
// text version the signed-in user agreed to. A stale memory is harmless: granting again is idempotent,
// and a refused submission forgets it (see forgetChecklistConsent).
import Taro from '@tarojs/taro';
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

export function hasChecklistConsent(userId: string, text: ConsentText | null): boolean {
  return text !== null && consentedVersion(userId) === text.textVersion;
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
