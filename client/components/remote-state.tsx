import type { ReactNode } from 'react';
import type { Remote } from '../lib/use-remote';
import { ErrorState, LoadingState } from './loading-state';
import { Button } from './nutui';

/** Loading and error states of a `useRemote` page; `children` renders the data. */
export function RemoteState<T>({
  state,
  reload,
  children,
}: {
  state: Remote<T>;
  reload: () => void;
  children: (data: T) => ReactNode;
}) {
  if (state.kind === 'loading') return <LoadingState />;
  if (state.kind === 'error') {
    return (
      <ErrorState
        message={state.message}
        action={
          <Button type='primary' onClick={reload}>
            重试
          </Button>
        }
      />
    );
  }
  return <>{children(state.data)}</>;
}
