import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { PARENT_REFERRAL_ACTION_LABELS, parentReferralStatus } from '@shared/checklists';
import { Button } from '../../components/nutui';
import { useAction } from '../../lib/use-action';
import { formatDateTime } from '../../lib/china-time';
import { remoteKeys } from '../../lib/remote-keys';
import { trpc, type RouterOutputs } from '../../lib/trpc';
import { invalidate } from '../../lib/use-remote';
import { forgetResults } from './result-cache';
import { CHECKLIST_ROUTES } from './routes';
import { Badge, TierBadge } from './tier-badge';
import './checklists.scss';

export type HistoryItem = RouterOutputs['checklists']['myResponses'][number];

function schoolStatus(item: HistoryItem): string {
  if (item.referral) return parentReferralStatus(item.referral.status, item.referral.reachedAt);
  if (item.sharedWithSchool) return '已选择分享；本次结果未达到需要学校跟进的程度，没有发送给学校';
  return '未分享给学校';
}

/** 填写记录: each response's tier, date, child and what the school did; view or delete one. */
export function ResponseHistory({ items }: { items: HistoryItem[] }) {
  const { busy, busyKey, run } = useAction({ toast: true });
  const remove = async (item: HistoryItem) => {
    if (busy) return;
    const { confirm } = await Taro.showModal({
      title: '删除这次记录',
      content: item.referral
        ? '删除后无法恢复。学校心理健康教师将看不到您的回答，只保留他们自己的跟进记录。确定删除吗？'
        : '删除后无法恢复。确定删除吗？',
      confirmText: '删除',
      cancelText: '取消',
    });
    if (!confirm) return;
    await run(async () => {
      await trpc.checklists.deleteResponse.mutate({ responseId: item.id });
      void Taro.showToast({ title: '已删除', icon: 'success' });
      invalidate(remoteKeys.checklists.all);
    }, item.id);
  };

  return (
    <View className='cl-card cl-history'>
      <Text className='cl-card__heading'>填写记录</Text>
      {items.length === 0 ? <Text className='cl-card__hint'>还没有填写记录。</Text> : null}
      {items.map((item) => (
        <View key={item.id} className='cl-history__item' data-response-id={item.id}>
          <View className='cl-row'>
            <TierBadge tier={item.tier} />
            {item.referral ? <Badge text='已转给学校心理老师' tone='info' /> : null}
          </View>
          <Text className='cl-history__title'>{item.checklistTitle}</Text>
          <Text className='cl-line'>
            孩子：{item.childName} · {formatDateTime(item.createdAt)} · 第 {item.checklistVersion} 版
          </Text>
          <Text className='cl-line'>学校跟进：{schoolStatus(item)}</Text>
          {item.referral?.actions.map((a) => (
            <Text key={`${a.action}-${a.at}`} className='cl-line cl-line--muted'>
              · {PARENT_REFERRAL_ACTION_LABELS[a.action]}（{formatDateTime(a.at)}）
            </Text>
          ))}
          <View className='cl-row cl-row--actions'>
            <Button
              size='small'
              fill='outline'
              onClick={() => {
                // An older result is read from the server (with its answers and an audit row), never from memory.
                forgetResults();
                void Taro.navigateTo({ url: CHECKLIST_ROUTES.result(item.id) });
              }}
            >
              查看结果
            </Button>
            <Button size='small' fill='none' loading={busyKey === item.id} onClick={() => void remove(item)}>
              删除记录
            </Button>
          </View>
        </View>
      ))}
    </View>
  );
}
