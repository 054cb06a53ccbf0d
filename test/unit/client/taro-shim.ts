// A stand-in for @tarojs/taro in the client unit tests (mapped by test/jest.config.js): what the hooks under
// test call, recorded so that tests can look at it, and `showPage()` to play WeChat showing the page again.
import { useEffect, useRef } from 'react';

const showHandlers = new Set<{ current: () => void }>();

export function useDidShow(handler: () => void): void {
  const ref = useRef(handler);
  ref.current = handler;
  useEffect(() => {
    showHandlers.add(ref);
    return () => {
      showHandlers.delete(ref);
    };
  }, []);
}

/** Every mounted view's useDidShow handler runs, as when the user comes back to the page. */
export function showPage(): void {
  for (const ref of [...showHandlers]) ref.current();
}

const storage = new Map<string, unknown>();

export interface Toast {
  title: string;
  icon?: string;
}

export const toasts: Toast[] = [];
export const relaunches: string[] = [];

const Taro = {
  showToast: (toast: Toast) => {
    toasts.push(toast);
    return Promise.resolve();
  },
  reLaunch: ({ url }: { url: string }) => {
    relaunches.push(url);
    return Promise.resolve();
  },
  getStorageSync: (key: string) => storage.get(key) ?? '',
  setStorageSync: (key: string, value: unknown) => {
    storage.set(key, value);
  },
  removeStorageSync: (key: string) => {
    storage.delete(key);
  },
};

/** Forgets what the previous test left: toasts, relaunches, storage. */
export function resetTaro(): void {
  toasts.length = 0;
  relaunches.length = 0;
  storage.clear();
}

export default Taro;
