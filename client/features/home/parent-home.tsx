import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { Me } from '../../lib/auth-store';
import { ROUTES } from '../../lib/routes';
import './home.scss';

function EntryCard({ title, description, url }: { title: string; description: string; url: string }) {
  return (
    <View className='entry-card' onClick={() => Taro.navigateTo({ url })}>
      <Text className='entry-card__title'>{title}</Text>
      <Text className='entry-card__description'>{description}</Text>
    </View>
  );
}

/** A guardian's entries: join a family first, then the family page. */
export function ParentHome({ me }: { me: Me }) {
  return (
    <View className='home-entries'>
      {me.familyId ? (
        <EntryCard title='我的家庭' description='查看孩子与监护人信息，邀请另一位监护人加入。' url={ROUTES.myFamily} />
      ) : (
        <EntryCard
          title='加入家庭'
          description='使用学校或家长学校提供的邀请码加入，获得家庭心理健康教育指导服务。'
          url={ROUTES.joinFamily}
        />
      )}
    </View>
  );
}
