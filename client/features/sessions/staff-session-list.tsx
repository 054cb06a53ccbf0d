import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { ROLE_LABELS, type Role } from '@shared/enums';
import { ChoiceChips } from '../../components/choice-chips';
import { FormError } from '../../components/form-field';
import { Button } from '../../components/nutui';
import { RemoteState } from '../../components/remote-state';
import { loadMe } from '../../lib/auth-store';
import { chinaTime } from '../../lib/china-time';
import { ROUTES } from '../../lib/routes';
import { useRemote } from '../../lib/use-remote';
import { SessionCard, StatusBadge } from './session-card';
import { sessionStatusLabel } from './session-text';
import { canManageSessions, sessionGrants, type StaffGrant } from './staff-units';
import { usePagedSessions } from './use-paged-sessions';
import './sessions.scss';

function UnitSessions({ grant }: { grant: StaffGrant }) {
  const manager = canManageSessions(grant);
  // The last 30 days too: rosters and paper sign-in sheets are completed after the event.
  const { state, reload, loadMore, loadingMore, moreError } = usePagedSessions(() => ({
    orgUnitId: grant.orgUnitId,
    from: chinaTime(new Date()).subtract(30, 'day').startOf('day').format('YYYY-MM-DD[T]HH:mm:ssZ'),
  }));
  const go = (url: string) => (e?: { stopPropagation?: () => void }) => {
    e?.stopPropagation?.();
    void Taro.navigateTo({ url });
  };
  return (
    <View className='session-list'>
      {manager ? (
        <View className='staff-toolbar'>
          <Button type='primary' block onClick={go(ROUTES.sessionEdit())}>
            新建活动
          </Button>
        </View>
      ) : null}
      <RemoteState state={state} reload={reload}>
        {(page) => (
          <View className='session-list'>
            {page.items.length === 0 ? <Text className='session-list__empty'>还没有活动。{manager ? '点击“新建活动”开设家长学校课程、讲座或指导服务。' : ''}</Text> : null}
            {page.items.map((item) => (
              <SessionCard
                key={item.id}
                session={item}
                badge={<StatusBadge text={sessionStatusLabel(item.status)} tone={item.status === 'PUBLISHED' ? 'ok' : item.status === 'DRAFT' ? 'warn' : 'muted'} />}
              >
                <View className='session-card__actions'>
                  {manager ? (
                    <Button size='small' fill='outline' onClick={go(ROUTES.sessionEdit(item.id))}>
                      编辑
                    </Button>
                  ) : null}
                  {item.status === 'PUBLISHED' ? (
                    <Button size='small' type='primary' onClick={go(ROUTES.sessionLive(item.id))}>
                      现场签到
                    </Button>
                  ) : null}
                  <Button size='small' fill='outline' onClick={go(ROUTES.roster(item.id))}>
                    名单
                  </Button>
                </View>
              </SessionCard>
            ))}
            {page.nextCursor ? (
              <Button block fill='outline' loading={loadingMore} onClick={loadMore}>
                加载更多
              </Button>
            ) : null}
            <FormError message={moreError} />
          </View>
        )}
      </RemoteState>
    </View>
  );
}

/** 活动管理: the sessions of my unit (or, holding several, the unit I pick). */
export function StaffSessionList() {
  const me = useRemote(() => loadMe());
  const [picked, setPicked] = useState<string | null>(null);
  return (
    <RemoteState state={me.state} reload={me.reload}>
      {(user) => {
        const grants = sessionGrants(user);
        if (grants.length === 0) return <Text className='session-list__empty'>你的角色无权管理活动。</Text>;
        const key = (g: StaffGrant) => `${g.role}:${g.orgUnitId}`;
        const grant = grants.find((g) => key(g) === picked) ?? grants[0];
        return (
          <View className='session-list'>
            {grants.length > 1 ? (
              <ChoiceChips
                options={grants.map((g) => ({ value: key(g), label: `${g.orgUnitName}（${ROLE_LABELS[g.role as Role] ?? g.role}）` }))}
                value={key(grant)}
                onChange={setPicked}
              />
            ) : (
              <Text className='detail-card__hint'>{grant.orgUnitName}</Text>
            )}
            <UnitSessions key={key(grant)} grant={grant} />
          </View>
        );
      }}
    </RemoteState>
  );
}
