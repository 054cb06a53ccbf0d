import Taro from '@tarojs/taro';
import { useState } from 'react';
import { errorMessage, redirectIfUnauthorized } from './api-error';

export interface ActionOptions {
  /** Show an error as a toast (a button in a list or card with no form under it) instead of in `error`. */
  toast?: boolean;
  /** On the login page an UNAUTHORIZED answer is why signing in failed: shown, not sent back to login. */
  loginPage?: boolean;
}

/**
 * A button's action against the server: one run at a time (`busy` for the button's loading state;
 * `busyKey` says which of several buttons, e.g. which slot of a list, is running), and its error in
 * Chinese for the form or as a toast (a lost sign-in goes back to the login page instead).
 */
export function useAction(options: ActionOptions = {}) {
  const [busyKey, setBusyKey] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = async (work: () => Promise<void>, key = 'action') => {
    if (busyKey !== null) return;
    setBusyKey(key);
    setError(null);
    try {
      await work();
    } catch (e) {
      if (!options.loginPage && redirectIfUnauthorized(e)) return;
      if (options.toast) void Taro.showToast({ title: errorMessage(e), icon: 'none' });
      else setError(errorMessage(e));
    } finally {
      setBusyKey(null);
    }
  };
  return { busy: busyKey !== null, busyKey, error, setError, run };
}
