import { View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { PrivacyPopup } from '../features/privacy/privacy-popup';

/** Every page's frame; carries the privacy popup WeChat may ask for on any page. */
export function PageShell({ children, className }: { children: ReactNode; className?: string }) {
  return (
    <View className={`page ${className ?? ''}`}>
      {children}
      <PrivacyPopup />
    </View>
  );
}
