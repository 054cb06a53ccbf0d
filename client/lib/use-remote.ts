// A page's data from the server, under a key: every view showing the same key shares one request and one
// answer, and a view that changed something calls `invalidate(prefix)` so that every view of that data loads
// it again (instead of views refreshing each other through props or remount keys). Data is loaded again each
// time the page shows, too (coming back from another page shows fresh data).
//
// Keys are paths, `/`-separated from the most general part: `sessions/get/<id>`, `visits/window/<id>/families`.
// `invalidate('sessions')` reaches every key under `sessions`, not `sessionsX`.
import { useDidShow } from '@tarojs/taro';
import { useCallback, useLayoutEffect, useRef, useState, useSyncExternalStore } from 'react';
import { errorMessage, redirectIfUnauthorized } from './api-error';

export type Remote<T> =
  { kind: 'loading' } | { kind: 'error'; message: string; error: unknown } | { kind: 'ready'; data: T };

interface Entry {
  state: Remote<unknown>;
  /** The loader of the view that subscribed last (views of one key load the same thing). */
  loader: () => Promise<unknown>;
  listeners: Set<() => void>;
  /** Only the latest request may set the state. */
  seq: number;
  startedAt: number;
}

const LOADING: Remote<never> = { kind: 'loading' };
/** Data of the keys some view shows; a key no view shows any more is forgotten (the next view loads afresh). */
const entries = new Map<string, Entry>();

function setState(entry: Entry, state: Remote<unknown>): void {
  entry.state = state;
  for (const listener of entry.listeners) listener();
}

function load(key: string): void {
  const entry = entries.get(key);
  if (!entry) return;
  const mine = ++entry.seq;
  entry.startedAt = Date.now();
  const current = () => entries.get(key) === entry && entry.seq === mine;
  entry.loader().then(
    (data) => {
      if (current()) setState(entry, { kind: 'ready', data });
    },
    (e: unknown) => {
      if (!current() || redirectIfUnauthorized(e)) return;
      setState(entry, { kind: 'error', message: errorMessage(e), error: e });
    },
  );
}

/** True when `key` is `prefix` or lies under it. */
export function keyMatches(key: string, prefix: string): boolean {
  return key === prefix || key.startsWith(prefix.endsWith('/') ? prefix : `${prefix}/`);
}

/** Loads again, for every view showing it, the data of each key under `prefix`. */
export function invalidate(prefix: string): void {
  for (const key of [...entries.keys()]) if (keyMatches(key, prefix)) load(key);
}

function subscribe(key: string, loader: () => Promise<unknown>, listener: () => void): () => void {
  let entry = entries.get(key);
  const fresh = !entry;
  if (!entry) {
    entry = { state: LOADING, loader, listeners: new Set(), seq: 0, startedAt: 0 };
    entries.set(key, entry);
  }
  entry.loader = loader;
  entry.listeners.add(listener);
  if (fresh) load(key);
  const mine = entry;
  return () => {
    mine.listeners.delete(listener);
    if (mine.listeners.size === 0 && entries.get(key) === mine) entries.delete(key);
  };
}

export interface RemoteOptions {
  /** While another key loads, keep showing the data of the key before (filters, years): no loading flash. */
  keepPrevious?: boolean;
}

export function useRemote<T>(
  key: string,
  loader: () => Promise<T>,
  options: RemoteOptions = {},
): { state: Remote<T>; reload: () => void; setData: (data: T) => void } {
  // The latest render's loader and key, for loads started later (a page show, an invalidate).
  const loaderRef = useRef(loader);
  const keyRef = useRef(key);
  useLayoutEffect(() => {
    loaderRef.current = loader;
    keyRef.current = key;
  });

  const subscribeKey = useCallback(
    (listener: () => void) => subscribe(key, () => loaderRef.current(), listener),
    [key],
  );
  const state = useSyncExternalStore(subscribeKey, () => entries.get(key)?.state ?? LOADING) as Remote<T>;

  // The last data shown, for `keepPrevious` (kept as state from an earlier render).
  const [previous, setPrevious] = useState<Remote<T> | null>(null);
  if (options.keepPrevious && state.kind === 'ready' && state !== previous) setPrevious(state);

  const reload = useCallback(() => load(keyRef.current), []);
  const setData = useCallback((data: T) => {
    const entry = entries.get(keyRef.current);
    if (entry) setState(entry, { kind: 'ready', data });
  }, []);

  // The first show usually coincides with the mount, so a load that just started is not repeated.
  useDidShow(() => {
    const entry = entries.get(keyRef.current);
    if (entry && Date.now() - entry.startedAt > 500) load(keyRef.current);
  });

  const shown = state.kind === 'loading' && options.keepPrevious && previous ? previous : state;
  return { state: shown, reload, setData };
}
