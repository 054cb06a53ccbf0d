// PLACEHOLDER: replaced by the page's real implementation.
import { View } from '@tarojs/components';

export default function Page() {
  return <View>页面准备中</View>;
}
