// 关怀模式 (care mode): larger text, larger tap targets and darker text on every page, for the grandparents many of
// our families are (client/styles/care-mode.scss). In the mini program it follows WeChat's own font size
// (我 → 设置 → 通用 → 字体大小, reported as fontSizeSetting): larger than standard turns it on. The toggle on the
// home page overrides that on this device (Taro storage).
import Taro from '@tarojs/taro';
import { useSyncExternalStore } from 'react';

export const CARE_MODE_KEY = 'heartbridge.careMode';
/** WeChat's standard font size in px (fontSizeSetting); 17, 18, 20, 22… are the larger settings. */
export const STANDARD_FONT_SIZE = 16;

/** The choice made with the toggle on this device, if any. */
function storedChoice(): boolean | null {
  try {
    const value = Taro.getStorageSync(CARE_MODE_KEY);
    return value === 'on' ? true : value === 'off' ? false : null;
  } catch {
    return null;
  }
}

/** Whether the user asked WeChat for larger text (the web build reports no font size: no). */
export function systemAsksForLargeText(): boolean {
  try {
    const size = Number(Taro.getSystemInfoSync().fontSizeSetting);
    return Number.isFinite(size) && size > STANDARD_FONT_SIZE;
  } catch {
    return false;
  }
}

let current: boolean | null = null;
const listeners = new Set<() => void>();

/** Care mode now: the stored choice, else WeChat's font size. */
export function isCareMode(): boolean {
  if (current === null) current = storedChoice() ?? systemAsksForLargeText();
  return current;
}

/** The toggle: remembered on this device, and every page that is open follows at once. */
export function setCareMode(on: boolean): void {
  try {
    Taro.setStorageSync(CARE_MODE_KEY, on ? 'on' : 'off');
  } catch {
    // storage unavailable: the choice still holds until the app is closed
  }
  current = on;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

export function useCareMode(): boolean {
  return useSyncExternalStore(subscribe, isCareMode, isCareMode);
}
