import { View } from '@tarojs/components';
import { useState } from 'react';
import { Button } from './nutui';
import { canGoBack, goHome } from '../lib/navigation';
import './home-link.scss';

/**
 * 返回首页 at the head of a web page opened directly (a link from a message, a bookmark, after a reload): the
 * browser has nothing to go back to, and the web build has no home button. The mini program shows WeChat's own
 * home button on such a page.
 */
export function HomeLink() {
  // Read once, when the page opens: pages opened on top of it later do not make it a page to go back from.
  const [alone] = useState(() => process.env.TARO_ENV === 'h5' && !canGoBack());
  if (!alone) return null;
  return (
    <View className='home-link'>
      <Button className='home-link__button' fill='none' onClick={goHome}>
        ‹ 返回首页
      </Button>
    </View>
  );
}
