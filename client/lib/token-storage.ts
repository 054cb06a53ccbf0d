import Taro from '@tarojs/taro';

const TOKEN_KEY = 'heartbridge.token';

export function getToken(): string | null {
  try {
    const value = Taro.getStorageSync(TOKEN_KEY);
    return typeof value === 'string' && value.length > 0 ? value : null;
  } catch {
    return null;
  }
}

export function setToken(token: string): void {
  Taro.setStorageSync(TOKEN_KEY, token);
}

export function clearToken(): void {
  try {
    Taro.removeStorageSync(TOKEN_KEY);
  } catch {
    // storage unavailable: nothing to clear
  }
}
