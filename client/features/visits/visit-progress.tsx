import { Text, View } from '@tarojs/components';
import { Button } from '../../components/nutui';
import { RemoteState } from '../../components/remote-state';
import { remoteKeys } from '../../lib/remote-keys';
import { trpc } from '../../lib/trpc';
import { invalidate, useRemote } from '../../lib/use-remote';
import { FAMILY_VISIT_STATUS_LABELS, childrenGradeText, gradeLabel, modeLabel, reasonLabel } from './visit-text';
import type { WindowFamily } from './window-families';
import './visits.scss';

const PRIORITY_STATUS_LABELS = FAMILY_VISIT_STATUS_LABELS;

/** The family's children and class (and guardians) from visits.families; the short id only while it loads. */
function familyText(family: WindowFamily | undefined, familyId: string): string {
  if (!family) return `家庭 ${familyId.slice(-6)}`;
  const guardians = family.guardians.join('、');
  const who = family.children.length > 0 ? childrenGradeText(family.children) : `${guardians || '未登记'}家`;
  return family.guardians.length > 0 && family.children.length > 0 ? `${who}（家长：${guardians}）` : who;
}

function priorityTone(status: keyof typeof PRIORITY_STATUS_LABELS): string {
  if (status === 'COMPLETED') return ' visit-badge--ok';
  return status === 'NOT_BOOKED' || status === 'NO_SHOW' || status === 'RESCHEDULED_BY_FAMILY'
    ? ' visit-badge--warn'
    : '';
}

/** 家访进度: per class visited / total, by mode, and the priority families (unvisited first). */
export function VisitProgress({ windowId }: { windowId: string }) {
  const { state, reload } = useRemote(remoteKeys.visits.progress(windowId), () =>
    trpc.visits.progress.query({ windowId }),
  );
  // The same list the page's 家庭与分配 shows (one request for both): names instead of ids.
  const families = useRemote(remoteKeys.visits.families(windowId), () => trpc.visits.families.query({ windowId }));
  const byId = new Map((families.state.kind === 'ready' ? families.state.data : []).map((f) => [f.familyId, f]));
  return (
    <RemoteState state={state} reload={reload}>
      {(p) => (
        <View className='visits visit-progress'>
          <View className='visit-card'>
            <Text className='visit-card__heading'>家访进度</Text>
            <Text className='visit-progress__total'>
              已家访 {p.total.visited} / {p.total.families} 户
            </Text>
            <Text className='visit-card__line'>已预约待家访 {p.total.booked} 户</Text>
            <Text className='visit-card__line'>
              {modeLabel('HOME')} {p.total.home} 户 · {modeLabel('PHONE')} {p.total.phone} 户 · {modeLabel('VIDEO')}{' '}
              {p.total.video} 户
            </Text>
          </View>
          <View className='visit-card'>
            <Text className='visit-card__heading'>各班进度</Text>
            {p.classes.length === 0 ? <Text className='visits__hint'>学校还没有登记孩子的家庭。</Text> : null}
            {p.classes.map((c) => (
              <View key={`${c.grade}-${c.className ?? ''}`} className='visit-progress__row'>
                <Text>{c.className ?? `${gradeLabel(c.grade)}（未分班）`}</Text>
                <Text>
                  已访 {c.visited} / {c.families} · 已约 {c.booked}
                </Text>
              </View>
            ))}
          </View>
          <View className='visit-card'>
            <Text className='visit-card__heading'>重点关注家庭</Text>
            {p.priority.length === 0 ? <Text className='visits__hint'>暂无标记为重点关注的家庭。</Text> : null}
            {p.priority.map((f) => {
              const family = byId.get(f.familyId);
              return (
                <View key={f.familyId} className='visit-progress__row'>
                  <View className='visit-progress__family'>
                    <Text className='visit-slot__line'>{familyText(family, f.familyId)}</Text>
                    <Text className='visit-slot__line'>
                      {f.reasons.map(reasonLabel).join('、')}
                      {family?.teacherName ? ` · 家访教师：${family.teacherName}` : ''}
                    </Text>
                  </View>
                  <Text className={`visit-badge${priorityTone(f.status)}`}>{PRIORITY_STATUS_LABELS[f.status]}</Text>
                </View>
              );
            })}
          </View>
          <Button size='small' fill='outline' onClick={() => invalidate(remoteKeys.visits.window(windowId))}>
            刷新进度
          </Button>
        </View>
      )}
    </RemoteState>
  );
}
