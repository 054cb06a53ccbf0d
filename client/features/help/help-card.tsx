import { Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { EMERGENCY_HOTLINES, HELP_NOW, NATIONAL_HOTLINES, WARNING_SIGNS, type Hotline } from '@shared/help';
import { HotlineButtons } from '../../components/hotline-buttons';
import { trpc } from '../../lib/trpc';
import './help.scss';

type City = { cityId: string; cityName: string; lines: Hotline[] };

/**
 * 心理危机求助: open to anyone, signed in or not. The national and emergency lines are part of the page itself
 * (they show with no connection to our server); each city's own lines come from the server. Nothing is
 * stored and no consent is needed.
 */
export function HelpCard() {
  const [cities, setCities] = useState<City[]>([]);
  useEffect(() => {
    trpc.help.lines.query().then(
      (r) => setCities(r.cities),
      () => setCities([]), // the national lines are enough to act on
    );
  }, []);
  return (
    <View className='help'>
      <View className='help__card help__card--urgent'>
        <View role='heading' aria-level={1}>
          <Text className='help__title'>孩子有危险？现在就打电话</Text>
        </View>
        <HotlineButtons hotlines={[...EMERGENCY_HOTLINES, ...NATIONAL_HOTLINES]} urgent />
      </View>
      <View className='help__card'>
        <View role='heading' aria-level={2}>
          <Text className='help__heading'>现在就做</Text>
        </View>
        {HELP_NOW.map((line, i) => (
          <Text key={line} className='help__step'>
            {`${i + 1}. ${line}`}
          </Text>
        ))}
      </View>
      {cities.map((c) => (
        <View key={c.cityId} className='help__card'>
          <View role='heading' aria-level={2}>
            <Text className='help__heading'>{c.cityName}本地求助电话</Text>
          </View>
          <HotlineButtons hotlines={c.lines} />
        </View>
      ))}
      <View className='help__card'>
        <View role='heading' aria-level={2}>
          <Text className='help__heading'>看到这些情况，今天就联系学校</Text>
        </View>
        {WARNING_SIGNS.map((sign) => (
          <Text key={sign} className='help__step'>
            {`· ${sign}`}
          </Text>
        ))}
        <Text className='help__note'>
          12356 心理援助热线、12355 青少年服务台都可以免费拨打。本页不需要登录，不会记录您的任何信息。
        </Text>
      </View>
    </View>
  );
}
