import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { chinaDayAfter, chinaDayStart } from '@shared/china-time';
import { ROLE_LABELS, type Role } from '@shared/enums';
import { FormError } from '../../components/form-field';
import { Button } from '../../components/nutui';
import { MyUnitView } from '../../components/my-unit-view';
import { RemoteState } from '../../components/remote-state';
import { ROUTES } from '../../lib/routes';
import { SessionCard, StatusBadge } from './session-card';
import { sessionStatusLabel } from './session-text';
import { canManageSessions, sessionGrants, type StaffGrant } from './staff-units';
import { usePagedSessions } from './use-paged-sessions';
import './sessions.scss';

function UnitSessions({ grant }: { grant: StaffGrant }) {
  const manager = canManageSessions(grant);
  // The last 30 days too: rosters and paper sign-in sheets are completed after the event.
  const { state, reload, loadMore, loadingMore, moreError } = usePagedSessions({
    orgUnitId: grant.orgUnitId,
    from: chinaDayStart(chinaDayAfter(new Date(), -30)).toISOString(),
  });
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
            {page.items.length === 0 ? (
              <Text className='session-list__empty'>
                还没有活动。{manager ? '点击“新建活动”开设家长学校课程、讲座或指导服务。' : ''}
              </Text>
            ) : null}
            {page.items.map((item) => (
              <SessionCard
                key={item.id}
                session={item}
                badge={
                  <StatusBadge
                    text={sessionStatusLabel(item.status)}
                    tone={item.status === 'PUBLISHED' ? 'ok' : item.status === 'DRAFT' ? 'warn' : 'muted'}
                  />
                }
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
  return (
    <MyUnitView
      unitsOf={sessionGrants}
      emptyText='你的角色无权管理活动。'
      keyOf={(g) => `${g.role}:${g.orgUnitId}`}
      labelOf={(g) => `${g.orgUnitName}（${ROLE_LABELS[g.role as Role] ?? g.role}）`}
      className='session-list'
    >
      {(grant) => <UnitSessions grant={grant} />}
    </MyUnitView>
  );
}
