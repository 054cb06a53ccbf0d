// The typed tRPC client. The router type is imported type-only: the Babel build erases it.
import { createTRPCClient, httpBatchLink, TRPCClientError } from '@trpc/client';
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '../../server/routers/root';
import { trpcUrl } from './api-base';
import { getToken } from './token-storage';
import { taroFetch } from './taro-fetch';

export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;

export const trpc = createTRPCClient<AppRouter>({
  links: [
    httpBatchLink({
      url: trpcUrl(),
      // Keep batched GET URLs short enough for every WeChat client and proxy.
      maxURLLength: 2000,
      // The server refuses a batch of more than 10 calls (API contract v2).
      maxItems: 10,
      fetch: taroFetch as unknown as typeof fetch,
      headers() {
        const token = getToken();
        return token ? { Authorization: `Bearer ${token}` } : {};
      },
    }),
  ],
});

export function isTRPCClientError(error: unknown): error is TRPCClientError<AppRouter> {
  return error instanceof TRPCClientError;
}
