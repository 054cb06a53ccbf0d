// 导入记录: who imported what into a unit, when, and how many rows (orgUnits.imports).
import { Text, View } from '@tarojs/components';
import { RemoteDeskTable } from './desk-table';
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
      <RemoteDeskTable
        state={state}
        reload={reload}
        empty='还没有导入过文件。'
        headers={['时间', '内容', '操作人', '行数', '新建', '更新']}
        row={(r) => (
          <tr key={r.id} data-kind={r.kind}>
            <td>{chinaTime(r.createdAt).format('YYYY-MM-DD HH:mm')}</td>
            <td>{KIND_LABELS[r.kind] ?? r.kind}</td>
            <td>{r.actorName ?? '—'}</td>
            <td>{r.rows}</td>
            <td>{r.created}</td>
            <td>{r.updated}</td>
          </tr>
        )}
      />
    </View>
  );
}
