import { Text, View } from '@tarojs/components';

/** What an action just did (已保存, 已发布 N 个时段…), read out to screen readers; nothing when null. */
export function VisitNotice({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <View className='visits__notice' role='status'>
      <Text>{message}</Text>
    </View>
  );
}
