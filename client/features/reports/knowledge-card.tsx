// 家长学习效果: the warning-sign check's average share of right answers before and after, per unit (anonymous,
// small groups withheld), so a federation sees whether parents learned, not only whether they came.
import { Text, View } from '@tarojs/components';
import { RemoteState } from '../../components/remote-state';
import { remoteKeys } from '../../lib/remote-keys';
import { trpc } from '../../lib/trpc';
import { useRemote } from '../../lib/use-remote';
import { countText, percentText } from './report-text';

const changeText = (c: number | null) =>
  c === null ? '—' : `${c >= 0 ? '+' : ''}${(Math.round(c * 1000) / 10).toFixed(1)} 个百分点`;

export function KnowledgeCard({ orgUnitId, year }: { orgUnitId: string; year: number }) {
  const remote = useRemote(remoteKeys.reports.knowledge(orgUnitId, year), () =>
    trpc.reports.knowledge.query({ orgUnitId, year }),
  );
  return (
    <View className='report-card knowledge-report' aria-label='家长识别心理危机信号的学习效果'>
      <Text className='report-card__title'>家长识别心理危机信号的学习效果</Text>
      <RemoteState state={remote.state} reload={remote.reload}>
        {(k) => (
          <View>
            <Text className='knowledge-report__total'>
              {`学习前平均答对 ${percentText(k.total.beforeShare)}（${countText(k.total.before)} 人次），学习后 ${percentText(k.total.afterShare)}（${countText(k.total.after)} 人次），变化 ${changeText(k.total.change)}`}
            </Text>
            {k.rows
              .filter((r) => r.before !== 0 || r.after !== 0)
              .map((r) => (
                <Text key={r.orgUnitId} className='knowledge-report__row' data-unit-id={r.orgUnitId}>
                  {`${r.name}：学习前 ${percentText(r.beforeShare)}，学习后 ${percentText(r.afterShare)}，变化 ${changeText(r.change)}`}
                </Text>
              ))}
            <Text className='report-card__note'>{`不记名，只统计答对的比例；人数少于 5 的单位不公开。${k.source}`}</Text>
          </View>
        )}
      </RemoteState>
    </View>
  );
}
