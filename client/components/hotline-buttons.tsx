import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { Hotline } from '@shared/help';
import './hotline-buttons.scss';

export type { Hotline };

/** Emergency numbers get the red style. */
const EMERGENCY = new Set(['110', '120']);

function call(number: string) {
  Taro.makePhoneCall({ phoneNumber: number }).catch(() => {
    // the user cancelled the dialog: nothing to do
  });
}

/**
 * Tap-to-call buttons. In the mini program: Taro.makePhoneCall (WeChat's call sheet). On the web a real
 * `tel:` link: Taro's H5 makePhoneCall would replace the page's location, while a link lets the phone or
 * browser handle it and keeps the page.
 */
export function HotlineButtons({ hotlines, urgent }: { hotlines: Hotline[]; urgent?: boolean }) {
  return (
    <View className={`hotlines${urgent ? ' hotlines--urgent' : ''}`}>
      {hotlines.map((h) => {
        const className = `hotline${EMERGENCY.has(h.number) ? ' hotline--emergency' : ''}`;
        const content = (
          <>
            <Text className='hotline__name'>{h.name}</Text>
            <Text className='hotline__number'>拨打 {h.number}</Text>
          </>
        );
        return process.env.TARO_ENV === 'h5' ? (
          <a key={h.number} className={className} href={`tel:${h.number}`} data-number={h.number}>
            {content}
          </a>
        ) : (
          <View key={h.number} className={className} data-number={h.number} onClick={() => call(h.number)}>
            {content}
          </View>
        );
      })}
    </View>
  );
}
