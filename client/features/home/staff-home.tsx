import { Text, View } from '@tarojs/components';
import { ROLE_LABELS, type Role } from '@shared/enums';
import type { Me } from '../../lib/auth-store';
import { ROUTES } from '../../lib/routes';
import { canManageSessions, sessionGrants } from '../sessions/staff-units';
import { EntryCard } from './entry-card';
import { staffDomainEntries } from './entry-registry';
import './home.scss';

/** Staff see their work entries, then the roles they hold and the org unit each is scoped to. */
export function StaffHome({ me }: { me: Me }) {
  const grants = sessionGrants(me);
  const manager = grants.some(canManageSessions);
  return (
    <View className='home-entries'>
      {grants.length > 0 ? (
        <EntryCard
          title='活动管理'
          description={
            manager
              ? '开设家长学校课程、公益讲座、亲子沙龙与指导服务；现场签到二维码、报名名单与点名。'
              : '本校活动的现场签到二维码、报名名单与点名。'
          }
          url={ROUTES.staffSessions}
        />
      ) : null}
      {staffDomainEntries(me).map((e) => (
        <EntryCard key={e.url} title={e.title} description={e.description} url={e.url} />
      ))}
      <View className='home-roles'>
        <Text className='home-roles__title'>我的工作身份</Text>
        {me.roles.map((role) => (
          <View key={`${role.role}-${role.orgUnitId}`} className='role-card'>
            <Text className='role-card__role'>{ROLE_LABELS[role.role as Role] ?? role.role}</Text>
            <Text className='role-card__unit'>{role.orgUnitName}</Text>
          </View>
        ))}
      </View>
    </View>
  );
}
