import { View } from '@tarojs/components';
import type { Me } from '../../lib/auth-store';
import { ROUTES } from '../../lib/routes';
import { EntryCard } from './entry-card';
import { parentDomainEntries } from './entry-registry';
import './home.scss';

/** A guardian's entries: join a family first; then the family, sessions, check-in and the family's record. */
export function ParentHome({ me }: { me: Me }) {
  if (!me.familyId) {
    return (
      <View className='home-entries'>
        <EntryCard
          title='加入家庭'
          description='使用学校或家长学校提供的邀请码加入，获得家庭心理健康教育指导服务。'
          url={ROUTES.joinFamily}
        />
      </View>
    );
  }
  return (
    <View className='home-entries'>
      <EntryCard
        title='活动报名'
        description='家长学校课程、公益讲座、亲子沙龙、新生家长课堂与家庭心理健康教育指导服务。'
        url={ROUTES.sessions}
      />
      <EntryCard
        title='扫码签到'
        description='到达活动现场后扫描签到二维码；线上活动输入直播中的签到码。'
        url={ROUTES.checkIn}
      />
      <EntryCard
        title='我的活动'
        description='报名、排队与签到记录，本年度参加家庭心理健康指导服务的次数。'
        url={ROUTES.mySessions}
      />
      {parentDomainEntries(me).map((e) => (
        <EntryCard key={e.url} title={e.title} description={e.description} url={e.url} />
      ))}
      <EntryCard title='我的家庭' description='查看孩子与监护人信息，邀请另一位监护人加入。' url={ROUTES.myFamily} />
    </View>
  );
}
