import { Text, View } from '@tarojs/components';
import { ROLE_LABELS, type Role } from '@shared/enums';
import type { Me } from '../../lib/auth-store';
import './home.scss';

/** Staff see the roles they hold and the org unit each is scoped to. */
export function StaffHome({ me }: { me: Me }) {
  return (
    <View className='home-roles'>
      <Text className='home-roles__title'>我的工作身份</Text>
      {me.roles.map((role) => (
        <View key={`${role.role}-${role.orgUnitId}`} className='role-card'>
          <Text className='role-card__role'>{ROLE_LABELS[role.role as Role] ?? role.role}</Text>
          <Text className='role-card__unit'>{role.orgUnitName}</Text>
        </View>
      ))}
    </View>
  );
}
