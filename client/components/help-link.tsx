import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button } from './nutui';
import { ROUTES } from '../lib/routes';
import './help-link.scss';

/** The way to the crisis help card, at the foot of every page: 12356 is never more than one tap away. */
export function HelpLink() {
  return (
    <View className='help-link'>
      <Button className='help-link__button' fill='none' onClick={() => void Taro.navigateTo({ url: ROUTES.help })}>
        遇到心理危机？求助热线 12356
      </Button>
    </View>
  );
}
