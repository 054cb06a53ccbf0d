import { useState } from 'react';
import { errorMessage, redirectIfUnauthorized } from './api-error';

/**
 * A button's action against the server: one run at a time (`busy` for the button's loading state),
 * and its error in Chinese for the form (a lost sign-in goes back to the login page instead).
 */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (work: () => Promise<void>) => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (e) {
      if (!redirectIfUnauthorized(e)) setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, setError, run };
}
