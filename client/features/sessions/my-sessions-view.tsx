import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { RemoteState } from '../../components/remote-state';
import { formatDateTime } from '../../lib/china-time';
import { ROUTES } from '../../lib/routes';
import { trpc, type RouterOutputs } from '../../lib/trpc';
import { remoteKeys } from '../../lib/remote-keys';
import { useRemote } from '../../lib/use-remote';
import { SessionTags, StatusBadge } from './session-card';
import { registrationLabel } from './session-text';
import { keyboardPress } from '../../components/pressable';
import './sessions.scss';

type Item = RouterOutputs['sessions']['mine']['items'][number];

function ItemStatus({ item }: { item: Item }) {
  if (item.attended) return <StatusBadge text='已签到' tone='ok' />;
  if (item.sessionStatus === 'CANCELLED') return <StatusBadge text='活动已取消' tone='muted' />;
  const tone = item.registration === 'CONFIRMED' ? 'info' : item.registration === 'WAITLISTED' ? 'warn' : 'muted';
  return <StatusBadge text={registrationLabel(item.registration)} tone={tone} />;
}

/** 我的活动: this year's count of guidance services, then every session the family registered for. */
export function MySessionsView() {
  const { state, reload } = useRemote(remoteKeys.sessions.mine, () => trpc.sessions.mine.query());
  return (
    <RemoteState state={state} reload={reload}>
      {(data) => (
        <View className='session-list'>
          <View className='service-count'>
            <Text className='service-count__text'>本年度已参加家庭心理健康指导服务 {data.servicesThisYear} 次</Text>
            <Text className='service-count__hint'>{data.year} 年 · 参加标有“心理健康”的活动并签到后计入</Text>
          </View>
          {data.items.length === 0 ? (
            <Text className='session-list__empty'>还没有报名记录，去“活动报名”看看吧。</Text>
          ) : null}
          {data.items.map((item) => (
            <View
              key={item.sessionId}
              className='session-card my-session'
              role='link'
              {...keyboardPress()}
              onClick={() => Taro.navigateTo({ url: ROUTES.session(item.sessionId) })}
            >
              <SessionTags kind={item.kind} mentalHealth={item.mentalHealth} extra={<ItemStatus item={item} />} />
              <Text className='session-card__title'>{item.title}</Text>
              <Text className='session-card__line'>时间：{formatDateTime(item.startsAt)}</Text>
              <Text className='session-card__line'>主办：{item.orgUnitName}</Text>
              {item.registeredOnBehalfBy ? (
                <Text className='session-card__line'>由 {item.registeredOnBehalfBy} 帮您报名</Text>
              ) : null}
            </View>
          ))}
        </View>
      )}
    </RemoteState>
  );
}
