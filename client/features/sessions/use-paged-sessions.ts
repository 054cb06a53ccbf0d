import { useState } from 'react';
import { errorMessage } from '../../lib/api-error';
import { remoteKeys } from '../../lib/remote-keys';
import { trpc, type RouterInputs, type RouterOutputs } from '../../lib/trpc';
import { useRemote } from '../../lib/use-remote';

type ListInput = NonNullable<RouterInputs['sessions']['list']>;
export type SessionListItem = RouterOutputs['sessions']['list']['items'][number];
type Page = { items: SessionListItem[]; nextCursor: string | null };

/** sessions.list with 加载更多: the first page reloads when the page shows again. */
export function usePagedSessions(query: Omit<ListInput, 'cursor'>) {
  const remote = useRemote<Page>(remoteKeys.sessions.list(query), () => trpc.sessions.list.query(query));
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<string | null>(null);

  const loadMore = async () => {
    const { state, setData } = remote;
    if (state.kind !== 'ready' || !state.data.nextCursor || loadingMore) return;
    setLoadingMore(true);
    setMoreError(null);
    try {
      const next = await trpc.sessions.list.query({ ...query, cursor: state.data.nextCursor });
      setData({ items: [...state.data.items, ...next.items], nextCursor: next.nextCursor });
    } catch (e) {
      setMoreError(errorMessage(e));
    } finally {
      setLoadingMore(false);
    }
  };

  return { ...remote, loadMore, loadingMore, moreError };
}
