import { Text, View } from '@tarojs/components';
import { SPECIAL_GROUP_LABELS } from '@shared/visits';
import { gradeLabel } from '@shared/grades';
import { RemoteState } from '../../components/remote-state';
import { remoteKeys } from '../../lib/remote-keys';
import { trpc } from '../../lib/trpc';
import { useRemote } from '../../lib/use-remote';
import { loadMe } from '../../lib/auth-store';
import { CarePlan } from './care-plan';
import './visits.scss';

/**
 * 本学期待家访: special-group households (留守、流动、孤儿…) with no home visit completed this semester, and the
 * class teacher responsible (visits.due). They need at least one visit every semester.
 */
export function VisitsDue({ orgUnitId }: { orgUnitId: string }) {
  const { state, reload } = useRemote(remoteKeys.visits.due(orgUnitId), async () => {
    const [due, me] = await Promise.all([trpc.visits.due.query({ orgUnitId }), loadMe()]);
    // Counsellors and class teachers write the 一生一策; coordinators read it.
    return { due, writes: me.roles.some((g) => g.role === 'COUNSELOR' || g.role === 'TEACHER') };
  });
  return (
    <View className='visit-card visits-due'>
      <Text className='visit-card__heading'>本学期待家访的特殊群体家庭</Text>
      <RemoteState state={state} reload={reload}>
        {({ due, writes }) =>
          due.length === 0 ? (
            <Text className='visits__hint'>本学期标记的特殊群体家庭都已完成家访。</Text>
          ) : (
            <View>
              <Text className='visit-card__line'>还有 {due.length} 户本学期没有完成家访：</Text>
              {due.map((d) => (
                <View key={d.familyId} className='visit-family' data-family-id={d.familyId}>
                  <Text className='visit-slot__line'>
                    {d.childName ?? '（未登记孩子）'}
                    {d.grade ? ` · ${gradeLabel(d.grade)}` : ''}
                    {d.className ? ` ${d.className}` : ''}
                  </Text>
                  <Text className='visit-slot__line visit-family__priority'>
                    {d.groups.map((g) => SPECIAL_GROUP_LABELS[g]).join('、')}
                  </Text>
                  <Text className='visit-slot__line'>负责教师：{d.teacherName ?? '未设置班主任'}</Text>
                  <CarePlan familyId={d.familyId} canWrite={writes} />
                </View>
              ))}
            </View>
          )
        }
      </RemoteState>
    </View>
  );
}
