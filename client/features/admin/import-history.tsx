// 导入记录: who imported what into a unit, when, and how many rows (orgUnits.imports).
import { Text, View } from '@tarojs/components';
import { RemoteState } from '../../components/remote-state';
import { chinaTime } from '../../lib/china-time';
import { remoteKeys } from '../../lib/remote-keys';
import { trpc } from '../../lib/trpc';
import { useRemote } from '../../lib/use-remote';

const KIND_LABELS: Record<string, string> = {
  UNITS: '学校与站点',
  STAFF: '教职工',
  ROSTER: '班级名册',
  ATTENDANCE: '纸质签到表',
};

export function ImportHistory({ orgUnitId }: { orgUnitId: string }) {
  const { state, reload } = useRemote(remoteKeys.admin.imports(orgUnitId), () =>
    trpc.orgUnits.imports.query({ orgUnitId }),
  );
  return (
    <View className='desk-card import-history'>
      <Text className='desk-card__title'>导入记录</Text>
      <RemoteState state={state} reload={reload}>
        {(runs) =>
          runs.length === 0 ? (
            <Text className='desk-card__hint'>还没有导入过文件。</Text>
          ) : (
            <table className='desk-table'>
              <thead>
                <tr>
                  <th scope='col'>时间</th>
                  <th scope='col'>内容</th>
                  <th scope='col'>操作人</th>
                  <th scope='col'>行数</th>
                  <th scope='col'>新建</th>
                  <th scope='col'>更新</th>
                </tr>
              </thead>
              <tbody>
                {runs.map((r) => (
                  <tr key={r.id} data-kind={r.kind}>
                    <td>{chinaTime(r.createdAt).format('YYYY-MM-DD HH:mm')}</td>
                    <td>{KIND_LABELS[r.kind] ?? r.kind}</td>
                    <td>{r.actorName ?? '—'}</td>
                    <td>{r.rows}</td>
                    <td>{r.created}</td>
                    <td>{r.updated}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </RemoteState>
    </View>
  );
}
