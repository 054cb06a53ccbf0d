// 导入纸质签到表 (web build): the signed sheet of a session as Excel (年级, 班级, 学生姓名). The households on the
// school's roster are marked present, each once; the names not found come back to correct.
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { FormError } from '../../components/form-field';
import { trpc, type RouterOutputs } from '../../lib/trpc';
import { remoteKeys } from '../../lib/remote-keys';
import { useAction } from '../../lib/use-action';
import { invalidate } from '../../lib/use-remote';
import { XlsxUpload } from '../admin/xlsx-upload';
import { keyboardScroll } from '../../components/pressable';
import '../admin/admin.scss';

type Answer = RouterOutputs['sessions']['importAttendance'];

export function AttendanceSheetImport({ sessionId }: { sessionId: string }) {
  const { busy, error, run } = useAction();
  const [answer, setAnswer] = useState<(Answer & { fileName: string }) | null>(null);
  const upload = (file: { name: string; base64: string }) =>
    run(async () => {
      setAnswer(null);
      const r = await trpc.sessions.importAttendance.mutate({ sessionId, fileBase64: file.base64 });
      setAnswer({ ...r, fileName: file.name });
      invalidate(remoteKeys.sessions.roster(sessionId));
    });
  return (
    <View className='detail-card attendance-sheet-import'>
      <Text className='detail-card__heading'>导入纸质签到表</Text>
      <Text className='detail-card__hint'>
        Excel
        表头：年级、班级、学生姓名。名册上的家庭记为到场（同一家庭的几个孩子只计一户）；同一张表再导入不会重复计数。活动开始前
        1 小时至结束后 12 小时内可以导入。
      </Text>
      <XlsxUpload label={busy ? '正在导入…' : '选择签到表并导入'} disabled={busy} onFile={(f) => void upload(f)} />
      <FormError message={error} />
      {answer ? (
        <View
          className={`import-result import-result--${answer.unmatched.length > 0 ? 'refused' : 'done'}`}
          role='status'
        >
          <Text className='import-result__title'>
            {`“${answer.fileName}”：新记到场 ${answer.marked} 户。${answer.unmatched.length > 0 ? `以下 ${answer.unmatched.length} 行在名册上找不到，请核对年级、班级和姓名后再导入：` : ''}`}
          </Text>
          {answer.unmatched.length > 0 ? (
            <table className='desk-table' {...keyboardScroll()}>
              <thead>
                <tr>
                  <th scope='col'>行</th>
                  <th scope='col'>学生姓名</th>
                </tr>
              </thead>
              <tbody>
                {answer.unmatched.map((u) => (
                  <tr key={u.row} data-row={u.row}>
                    <td>{`第 ${u.row} 行`}</td>
                    <td>{u.name || '（空）'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </View>
      ) : null}
    </View>
  );
}
