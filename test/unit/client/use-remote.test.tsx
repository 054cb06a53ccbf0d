import { act, renderHook, waitFor } from '@testing-library/react';
import { TRPCClientError } from '@trpc/client';
import { ROUTES } from '../../../client/lib/routes';
import { invalidate, useRemote, type Remote } from '../../../client/lib/use-remote';
import { relaunches, resetTaro, showPage } from './taro-shim';

/** A loader whose answers the test gives, one per call, in any order. */
function server<T>() {
  const pending: { resolve: (v: T) => void; reject: (e: unknown) => void }[] = [];
  const load = jest.fn(
    () =>
      new Promise<T>((resolve, reject) => {
        pending.push({ resolve, reject });
      }),
  );
  return {
    load,
    answer: async (value: T, call = pending.length - 1) => {
      await act(async () => pending[call].resolve(value));
    },
    fail: async (error: unknown, call = pending.length - 1) => {
      await act(async () => pending[call].reject(error));
    },
  };
}

const shown = <T,>(state: Remote<T>) => (state.kind === 'ready' ? state.data : state.kind);

let n = 0;
/** Keys of their own for each test: the store lives as long as the module. */
const fresh = (path: string) => `t${++n}/${path}`;

beforeEach(resetTaro);

test('a view shows loading, then the data', async () => {
  const api = server<string>();
  const key = fresh('sessions/get/1');
  const { result } = renderHook(() => useRemote(key, api.load));
  expect(shown(result.current.state)).toBe('loading');
  await api.answer('家长课堂');
  expect(shown(result.current.state)).toBe('家长课堂');
});

test('two views of one key share one request and one answer', async () => {
  const api = server<number>();
  const key = fresh('visits/window/w1/families');
  const first = renderHook(() => useRemote(key, api.load));
  const second = renderHook(() => useRemote(key, api.load));
  expect(api.load).toHaveBeenCalledTimes(1);
  await api.answer(12);
  expect(shown(first.result.current.state)).toBe(12);
  expect(shown(second.result.current.state)).toBe(12);
});

test('invalidate(prefix) loads again every view under the prefix, and no other', async () => {
  const root = fresh('');
  const detail = server<string>();
  const list = server<string>();
  const lookalike = server<string>();
  const visits = server<string>();
  const views = {
    detail: renderHook(() => useRemote(`${root}sessions/get/s1`, detail.load)),
    list: renderHook(() => useRemote(`${root}sessions/list`, list.load)),
    lookalike: renderHook(() => useRemote(`${root}sessionsX`, lookalike.load)),
    visits: renderHook(() => useRemote(`${root}visits/mine`, visits.load)),
  };
  await detail.answer('已报名 0 户');
  await list.answer('1 场');

  act(() => invalidate(`${root}sessions`));
  expect(detail.load).toHaveBeenCalledTimes(2);
  expect(list.load).toHaveBeenCalledTimes(2);
  expect(lookalike.load).toHaveBeenCalledTimes(1);
  expect(visits.load).toHaveBeenCalledTimes(1);
  // Until the new answer arrives the view keeps what it showed (no loading flash).
  expect(shown(views.detail.result.current.state)).toBe('已报名 0 户');

  await detail.answer('已报名 1 户');
  await list.answer('2 场');
  expect(shown(views.detail.result.current.state)).toBe('已报名 1 户');
  expect(shown(views.list.result.current.state)).toBe('2 场');
});

test('an older answer arriving after a newer one does not replace it', async () => {
  const api = server<string>();
  const key = fresh('referrals/list');
  const { result } = renderHook(() => useRemote(key, api.load));
  act(() => result.current.reload());
  await api.answer('新名单', 1);
  await api.answer('旧名单', 0);
  expect(shown(result.current.state)).toBe('新名单');
});

test('a failed load shows the error in Chinese, and 重试 (reload) loads again', async () => {
  const api = server<string>();
  const key = fresh('visits/record/v1');
  const { result } = renderHook(() => useRemote(key, api.load));
  await api.fail(new Error('网络连接失败，请检查网络后重试'));
  expect(result.current.state).toMatchObject({ kind: 'error', message: '网络连接失败，请检查网络后重试' });
  act(() => result.current.reload());
  await api.answer('家访记录');
  expect(shown(result.current.state)).toBe('家访记录');
});

test('a lost sign-in while loading goes to the login page instead of showing an error', async () => {
  const api = server<string>();
  const key = fresh('me');
  const { result } = renderHook(() => useRemote(key, api.load));
  await api.fail(
    TRPCClientError.from({ error: { message: '请先登录', code: -32001, data: { code: 'UNAUTHORIZED' } } }),
  );
  expect(relaunches).toEqual([ROUTES.login]);
  expect(shown(result.current.state)).toBe('loading');
});

test('another key loads its own data; keepPrevious shows the last data meanwhile', async () => {
  const api = server<string>();
  const root = fresh('lessons/list');
  const plain = renderHook(({ filter }) => useRemote(`${root}/${filter}`, api.load), {
    initialProps: { filter: 'ALL' },
  });
  await api.answer('全部课程');
  plain.rerender({ filter: 'PRIMARY' });
  expect(shown(plain.result.current.state)).toBe('loading');
  await api.answer('小学课程');
  expect(shown(plain.result.current.state)).toBe('小学课程');

  const other = server<string>();
  const kept = renderHook(({ filter }) => useRemote(`${root}-kept/${filter}`, other.load, { keepPrevious: true }), {
    initialProps: { filter: 'ALL' },
  });
  await other.answer('全部课程');
  kept.rerender({ filter: 'PRIMARY' });
  expect(shown(kept.result.current.state)).toBe('全部课程');
  await other.answer('小学课程');
  expect(shown(kept.result.current.state)).toBe('小学课程');
});

test('setData changes what every view of the key shows', async () => {
  const api = server<string[]>();
  const key = fresh('sessions/roster/s1');
  const first = renderHook(() => useRemote(key, api.load));
  const second = renderHook(() => useRemote(key, api.load));
  await api.answer(['王家']);
  act(() => first.result.current.setData(['王家', '李家']));
  expect(shown(second.result.current.state)).toEqual(['王家', '李家']);
});

test('when no view shows a key any more it is forgotten: the next view loads afresh', async () => {
  const api = server<string>();
  const key = fresh('visits/window/w2/open-slots');
  const before = renderHook(() => useRemote(key, api.load));
  await api.answer('3 个时段');
  before.unmount();
  const after = renderHook(() => useRemote(key, api.load));
  expect(shown(after.result.current.state)).toBe('loading');
  expect(api.load).toHaveBeenCalledTimes(2);
  await api.answer('2 个时段');
  expect(shown(after.result.current.state)).toBe('2 个时段');
});

test('coming back to the page loads again, but not right after the first load', async () => {
  const api = server<string>();
  const key = fresh('sessions/mine');
  const now = jest.spyOn(Date, 'now');
  try {
    now.mockReturnValue(1_000_000);
    const { result } = renderHook(() => useRemote(key, api.load));
    await api.answer('我的活动');
    act(() => showPage());
    expect(api.load).toHaveBeenCalledTimes(1);

    now.mockReturnValue(1_000_000 + 60_000);
    act(() => showPage());
    expect(api.load).toHaveBeenCalledTimes(2);
    await api.answer('我的活动（已更新）');
    await waitFor(() => expect(shown(result.current.state)).toBe('我的活动（已更新）'));
  } finally {
    now.mockRestore();
  }
});
