// WeChat's privacy-authorisation flow (`__usePrivacyCheck__`): when a privacy-related API needs the user's
// agreement, WeChat calls our handler; a PrivacyPopup on the current page shows the notice and answers.

type Resolve = (result: { event: 'agree' | 'disagree' | 'exposureAuthorization'; buttonId?: string }) => void;
type Listener = (pending: boolean) => void;

declare const wx:
  | {
      onNeedPrivacyAuthorization?: (handler: (resolve: Resolve, eventInfo: { referrer: string }) => void) => void;
    }
  | undefined;

export const AGREE_PRIVACY_BUTTON_ID = 'agree-privacy-btn';

let pendingResolve: Resolve | null = null;
const listeners = new Set<Listener>();

function notify(): void {
  for (const listener of listeners) listener(pendingResolve !== null);
}

export function supportsWeappPrivacyCheck(): boolean {
  return (
    process.env.TARO_ENV === 'weapp' &&
    typeof wx !== 'undefined' &&
    !!wx &&
    typeof wx.onNeedPrivacyAuthorization === 'function'
  );
}

/** Called once at app launch. */
export function registerWeappPrivacyHandler(): void {
  if (!supportsWeappPrivacyCheck()) return;
  wx!.onNeedPrivacyAuthorization!((resolve) => {
    if (listeners.size === 0) {
      // no page can show the notice right now: decline this call rather than hang it
      resolve({ event: 'disagree' });
      return;
    }
    pendingResolve = resolve;
    resolve({ event: 'exposureAuthorization' });
    notify();
  });
}

export function subscribePrivacyRequests(listener: Listener): () => void {
  listeners.add(listener);
  listener(pendingResolve !== null);
  return () => {
    listeners.delete(listener);
  };
}

export function answerPrivacyRequest(agreed: boolean): void {
  const resolve = pendingResolve;
  pendingResolve = null;
  if (resolve) resolve(agreed ? { event: 'agree', buttonId: AGREE_PRIVACY_BUTTON_ID } : { event: 'disagree' });
  notify();
}
