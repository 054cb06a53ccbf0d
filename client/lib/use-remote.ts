// Loading a page's data: again each time the page shows (coming back from another page shows fresh data).
import { useDidShow } from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import { errorMessage, redirectIfUnauthorized } from './api-error';

export type Remote<T> = { kind: 'loading' } | { kind: 'error'; message: string; error: unknown } | { kind: 'ready'; data: T };

export function useRemote<T>(fetcher: () => Promise<T>): { state: Remote<T>; reload: () => void; setData: (data: T) => void } {
  const [state, setState] = useState<Remote<T>>({ kind: 'loading' });
  const fetcherRef = useRef(fetcher);
  fetcherRef.current = fetcher;
  // Only the latest request may update the page.
  const seq = useRef(0);
  const startedAt = useRef(0);

  const reload = useCallback(() => {
    const mine = ++seq.current;
    startedAt.current = Date.now();
    fetcherRef.current().then(
      (data) => {
        if (mine === seq.current) setState({ kind: 'ready', data });
      },
      (e: unknown) => {
        if (mine !== seq.current || redirectIfUnauthorized(e)) return;
        setState({ kind: 'error', message: errorMessage(e), error: e });
      },
    );
  }, []);

  // On mount (also for components that appear after the page showed), and again whenever the page shows
  // later; the first show usually coincides with the mount, so a load that just started is not repeated.
  useEffect(reload, [reload]);
  useDidShow(() => {
    if (Date.now() - startedAt.current > 500) reload();
  });

  const setData = useCallback((data: T) => setState({ kind: 'ready', data }), []);
  return { state, reload, setData };
}
