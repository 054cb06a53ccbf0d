import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { keyboardPress } from '../../components/pressable';
import './home.scss';

/** A home-page entry: a title, one line on what it is for, a page to open. */
export function EntryCard({ title, description, url }: { title: string; description: string; url: string }) {
  return (
    <View className='entry-card' role='link' {...keyboardPress()} onClick={() => Taro.navigateTo({ url })}>
      <Text className='entry-card__title'>{title}</Text>
      <Text className='entry-card__description'>{description}</Text>
    </View>
  );
}
