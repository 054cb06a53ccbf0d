import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import './loading-state.scss';

export function LoadingState({ text = '加载中…' }: { text?: string }) {
  return (
    <View className='loading-state'>
      <Text>{text}</Text>
    </View>
  );
}

export function ErrorState({ message, action }: { message: string; action?: ReactNode }) {
  return (
    <View className='loading-state loading-state--error' role='alert'>
      <Text>{message}</Text>
      {action ? <View className='loading-state__action'>{action}</View> : null}
    </View>
  );
}
