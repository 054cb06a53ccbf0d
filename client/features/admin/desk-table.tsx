// A desk page's table of remote rows: loading and error states, a sentence when there is nothing, the header
// row, and one <tr> per row from `row`. A table wider than its card scrolls sideways on its own: it is a tab stop,
// so the keyboard can scroll it too.
import { Text } from '@tarojs/components';
import type { ReactNode } from 'react';
import { RemoteState } from '../../components/remote-state';
import type { Remote } from '../../lib/use-remote';
import { keyboardScroll } from '../../components/pressable';

export function DeskTable<T>({ headers, rows, row }: { headers: string[]; rows: T[]; row: (item: T) => ReactNode }) {
  return (
    <table className='desk-table' {...keyboardScroll()}>
      <thead>
        <tr>
          {headers.map((h) => (
            <th key={h} scope='col'>
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>{rows.map(row)}</tbody>
    </table>
  );
}

export function RemoteDeskTable<T>({
  state,
  reload,
  empty,
  headers,
  row,
}: {
  state: Remote<T[]>;
  reload: () => void;
  empty: string;
  headers: string[];
  row: (item: T) => ReactNode;
}) {
  return (
    <RemoteState state={state} reload={reload}>
      {(rows) =>
        rows.length === 0 ? (
          <Text className='desk-card__hint'>{empty}</Text>
        ) : (
          <DeskTable headers={headers} rows={rows} row={row} />
        )
      }
    </RemoteState>
  );
}
