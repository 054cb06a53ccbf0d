import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import type { ReferralStatus } from '@shared/checklists';
import { gradeLabel } from '@shared/grades';
import { ChoiceChips } from '../../components/choice-chips';
import { RemoteState } from '../../components/remote-state';
import { formatDateTime } from '../../lib/china-time';
import { trpc } from '../../lib/trpc';
import { remoteKeys } from '../../lib/remote-keys';
import { useRemote } from '../../lib/use-remote';
import { REFERRAL_STATUS_SHORT } from './checklist-text';
import { CHECKLIST_ROUTES } from './routes';
import { Badge, TierBadge } from './tier-badge';
import { keyboardPress } from '../../components/pressable';
import './checklists.scss';

type Filter = 'ALL' | ReferralStatus;

const FILTERS: { value: Filter; label: string }[] = [
  { value: 'ALL', label: '全部' },
  { value: 'OPEN', label: '待接收' },
  { value: 'ACKNOWLEDGED', label: '跟进中' },
  { value: 'CLOSED', label: '已结束' },
];

const STATUS_TONES = { OPEN: 'warn', ACKNOWLEDGED: 'info', CLOSED: 'muted' } as const;

/** 转介信箱: referrals of the counsellor's schools, open ones first, each by acknowledgement deadline. */
export function ReferralInbox() {
  const [filter, setFilter] = useState<Filter>('ALL');
  // Another filter keeps the list shown until its own answer arrives.
  const { state, reload } = useRemote(
    remoteKeys.referrals.list(filter),
    () => trpc.referrals.list.query(filter === 'ALL' ? undefined : { status: filter }),
    { keepPrevious: true },
  );
  return (
    <View className='referral-inbox'>
      <View className='cl-card'>
        <Text className='cl-card__hint'>
          家长选择分享、且结果为“建议联系学校”或“紧急”的清单会转到这里。紧急转介须在 24 小时内确认接收，其他 3
          天内；超时未确认会提醒学校负责人。
        </Text>
        <ChoiceChips options={FILTERS} value={filter} onChange={setFilter} />
      </View>
      <RemoteState state={state} reload={reload}>
        {(rows) => (
          <View className='cl-list'>
            {rows.length === 0 ? <Text className='cl-empty'>暂时没有转介。</Text> : null}
            {rows.map((r) => (
              <View
                key={r.id}
                className={`cl-card referral-card${r.overdue ? ' referral-card--overdue' : ''}`}
                data-referral-id={r.id}
                role='link'
                {...keyboardPress()}
                onClick={() => Taro.navigateTo({ url: CHECKLIST_ROUTES.referral(r.id) })}
              >
                <View className='cl-row'>
                  <TierBadge tier={r.tier} />
                  <Badge text={REFERRAL_STATUS_SHORT[r.status]} tone={STATUS_TONES[r.status]} />
                  {r.overdue ? <Badge text='已超时' tone='danger' /> : null}
                  {r.escalated ? <Badge text='已提醒负责人' tone='muted' /> : null}
                </View>
                <Text className='referral-card__title'>
                  {gradeLabel(r.childGrade)}学生 · {r.schoolName}
                </Text>
                <Text className='cl-line'>转介时间：{formatDateTime(r.createdAt)}</Text>
                <Text className={`cl-line${r.overdue ? ' cl-line--danger' : ''}`}>
                  确认期限：{formatDateTime(r.ackDeadline)}
                </Text>
              </View>
            ))}
          </View>
        )}
      </RemoteState>
    </View>
  );
}
