// 家里的动态: for every guardian, above all the parent working far away — what the household took part in over
// the last year: the activities and who went, the lessons read, the home visits with the teacher's summary.
import { Text, View } from '@tarojs/components';
import { VISIT_MODE_LABELS, type VisitMode } from '@shared/visits';
import { RemoteState } from '../../components/remote-state';
import { formatDateTime } from '../../lib/china-time';
import { remoteKeys } from '../../lib/remote-keys';
import { trpc } from '../../lib/trpc';
import { useRemote } from '../../lib/use-remote';

export function HouseholdActivity() {
  const { state, reload } = useRemote(remoteKeys.householdActivity, () => trpc.families.activity.query());
  return (
    <View className='detail-card household-activity' aria-label='家里的动态'>
      <Text className='detail-card__heading'>家里的动态（近一年）</Text>
      <Text className='detail-card__hint'>不在孩子身边的家长，也能看到家里参加了什么、老师家访时说了什么。</Text>
      <RemoteState state={state} reload={reload}>
        {(a) =>
          a.sessions.length + a.lessons.length + a.visits.length === 0 ? (
            <Text className='detail-card__line'>近一年还没有参加活动或家访的记录。</Text>
          ) : (
            <View>
              {a.sessions.map((s, i) => (
                <Text key={`s${i}`} className='detail-card__line'>
                  {`${formatDateTime(s.startsAt)} 参加了“${s.title}”（${s.by === '学校登记' ? '学校登记到场' : `${s.by}签到`}）`}
                </Text>
              ))}
              {a.lessons.map((l, i) => (
                <Text key={`l${i}`} className='detail-card__line'>
                  {`${formatDateTime(l.completedAt)} ${l.by}学完了课程“${l.title}”`}
                </Text>
              ))}
              {a.visits.map((v, i) => (
                <View key={`v${i}`} className='household-activity__visit'>
                  <Text className='detail-card__line'>
                    {`${formatDateTime(v.startsAt)} ${v.teacherName}老师${VISIT_MODE_LABELS[v.mode as VisitMode] ?? '家访'}`}
                  </Text>
                  {v.summary ? <Text className='detail-card__text'>{`家访小结：${v.summary}`}</Text> : null}
                </View>
              ))}
            </View>
          )
        }
      </RemoteState>
    </View>
  );
}
