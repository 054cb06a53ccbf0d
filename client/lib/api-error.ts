// Turning API failures into what the user reads. Server messages are already Chinese.
import Taro from '@tarojs/taro';
import { TRPCClientError } from '@trpc/client';
import { clearToken } from './token-storage';
import { ROUTES } from './routes';

export function errorCode(error: unknown): string | undefined {
  if (error instanceof TRPCClientError) {
    const data = error.data as { code?: string } | undefined;
    return data?.code ?? (error.shape as { data?: { code?: string } } | undefined)?.data?.code;
  }
  return undefined;
}

/** Why the server refused, where it says (`data.reason`, e.g. SIGNED_OFF, NOT_LEGAL_GUARDIAN). */
export function errorReason(error: unknown): string | undefined {
  if (error instanceof TRPCClientError) {
    const data = error.data as { reason?: string | null } | undefined;
    return data?.reason ?? undefined;
  }
  return undefined;
}

export function errorMessage(error: unknown): string {
  if (error instanceof TRPCClientError) {
    const cause = error.cause as { name?: string; message?: string } | undefined;
    if (cause?.name === 'NetworkError' || cause?.name === 'AbortError')
      return cause.message ?? '网络连接失败，请检查网络后重试';
    if (error.message) return error.message;
  }
  if (error instanceof Error && error.message) return error.message;
  return '操作失败，请稍后重试';
}

let redirecting = false;

/** To the login page, once: calls while a redirect is under way join it (two would stack two login pages). */
export function goToLogin(): void {
  if (redirecting) return;
  redirecting = true;
  Taro.reLaunch({ url: ROUTES.login }).finally(() => {
    redirecting = false;
  });
}

/** On UNAUTHORIZED: forget the token and go to the login page. Returns true when it did. */
export function redirectIfUnauthorized(error: unknown): boolean {
  if (errorCode(error) !== 'UNAUTHORIZED') return false;
  clearToken();
  goToLogin();
  return true;
}
