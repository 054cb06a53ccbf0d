import { act, renderHook } from '@testing-library/react';
import { TRPCClientError } from '@trpc/client';
import { useAction } from '../../../client/lib/use-action';
import { ROUTES } from '../../../client/lib/routes';
import { getToken, setToken } from '../../../client/lib/token-storage';
import { relaunches, resetTaro, toasts } from './taro-shim';

/** What the server answers when the sign-in has expired. */
function unauthorized(): TRPCClientError<never> {
  return TRPCClientError.from({
    error: { message: '请先登录', code: -32001, data: { code: 'UNAUTHORIZED', httpStatus: 401 } },
  }) as TRPCClientError<never>;
}

function deferred() {
  let resolve!: () => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

beforeEach(resetTaro);

test('the button is busy while its action runs, and a second tap meanwhile does nothing', async () => {
  const { result } = renderHook(() => useAction());
  const server = deferred();
  const work = jest.fn(() => server.promise);

  let first!: Promise<void>;
  act(() => {
    first = result.current.run(work);
  });
  expect(result.current.busy).toBe(true);
  await act(() => result.current.run(work));
  expect(work).toHaveBeenCalledTimes(1);

  await act(async () => {
    server.resolve();
    await first;
  });
  expect(result.current.busy).toBe(false);
  expect(result.current.error).toBeNull();
});

test('a failed action shows its Chinese message under the form, and the next attempt starts without it', async () => {
  const { result } = renderHook(() => useAction());
  await act(() =>
    result.current.run(async () => {
      throw new Error('名额已满，请选择其他场次');
    }),
  );
  expect(result.current.error).toBe('名额已满，请选择其他场次');
  expect(result.current.busy).toBe(false);
  expect(toasts).toEqual([]);

  const server = deferred();
  let again!: Promise<void>;
  act(() => {
    again = result.current.run(() => server.promise);
  });
  expect(result.current.error).toBeNull();
  await act(async () => {
    server.resolve();
    await again;
  });
});

test('with toast, a failure is shown as a toast and not under a form', async () => {
  const { result } = renderHook(() => useAction({ toast: true }));
  await act(() =>
    result.current.run(async () => {
      throw new Error('该时段已被预约');
    }),
  );
  expect(toasts).toEqual([{ title: '该时段已被预约', icon: 'none' }]);
  expect(result.current.error).toBeNull();
});

test('a lost sign-in goes back to the login page, forgets the token and shows no error', async () => {
  setToken('expired-token');
  const { result } = renderHook(() => useAction());
  await act(() =>
    result.current.run(async () => {
      throw unauthorized();
    }),
  );
  expect(relaunches).toEqual([ROUTES.login]);
  expect(getToken()).toBeNull();
  expect(result.current.error).toBeNull();
  expect(result.current.busy).toBe(false);
});

test('on the login page an UNAUTHORIZED answer is the reason signing in failed: shown, no redirect', async () => {
  const { result } = renderHook(() => useAction({ loginPage: true }));
  await act(() =>
    result.current.run(async () => {
      throw unauthorized();
    }),
  );
  expect(result.current.error).toBe('请先登录');
  expect(relaunches).toEqual([]);
});

test('busyKey says which row of a list is running, and every row waits for it', async () => {
  const { result } = renderHook(() => useAction());
  const server = deferred();
  const other = jest.fn(async () => undefined);
  let running!: Promise<void>;
  act(() => {
    running = result.current.run(() => server.promise, 'slot-2');
  });
  expect(result.current.busyKey).toBe('slot-2');
  await act(() => result.current.run(other, 'slot-3'));
  expect(other).not.toHaveBeenCalled();
  await act(async () => {
    server.resolve();
    await running;
  });
  expect(result.current.busyKey).toBeNull();
});
