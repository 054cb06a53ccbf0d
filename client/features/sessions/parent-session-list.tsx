import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { chinaDay, chinaDayStart } from '@shared/china-time';
import { FormError } from '../../components/form-field';
import { Button } from '../../components/nutui';
import { RemoteState } from '../../components/remote-state';
import { ROUTES } from '../../lib/routes';
import { SessionCard, StatusBadge } from './session-card';
import { registrationLabel } from './session-text';
import { usePagedSessions, type SessionListItem } from './use-paged-sessions';
import './sessions.scss';

function MyStatusBadge({ item }: { item: SessionListItem }) {
  if (item.status === 'CANCELLED') return <StatusBadge text='活动已取消' tone='muted' />;
  if (item.myStatus === 'CONFIRMED') return <StatusBadge text={registrationLabel('CONFIRMED')} tone='ok' />;
  if (item.myStatus === 'WAITLISTED') return <StatusBadge text={registrationLabel('WAITLISTED')} tone='warn' />;
  if (item.confirmed >= item.capacity) return <StatusBadge text='名额已满，可排队等候' tone='warn' />;
  return null;
}

/** 活动报名: the county's published sessions from today on (家长学校课程、讲座、沙龙、指导服务). */
export function ParentSessionList() {
  // From the start of today (China time): today's sessions stay listed for 签到.
  const { state, reload, loadMore, loadingMore, moreError } = usePagedSessions({
    from: chinaDayStart(chinaDay(new Date())).toISOString(),
  });

  return (
    <RemoteState state={state} reload={reload}>
      {(page) => (
        <View className='session-list'>
          {page.items.length === 0 ? <Text className='session-list__empty'>近期暂无活动，请稍后再来看看。</Text> : null}
          {page.items.map((item) => (
            <SessionCard
              key={item.id}
              session={item}
              badge={<MyStatusBadge item={item} />}
              onClick={() => Taro.navigateTo({ url: ROUTES.session(item.id) })}
            />
          ))}
          {page.nextCursor ? (
            <View className='session-list__more'>
              <Button block fill='outline' loading={loadingMore} onClick={loadMore}>
                加载更多
              </Button>
            </View>
          ) : null}
          <FormError message={moreError} />
        </View>
      )}
    </RemoteState>
  );
}
