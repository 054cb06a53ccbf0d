import { View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { PrivacyPopup } from '../features/privacy/privacy-popup';
import { HelpLink } from './help-link';

/**
 * Every page's frame and its main landmark; carries the privacy popup WeChat may ask for on any page, and at its
 * foot the way to the crisis help card (left out on that card itself).
 */
export function PageShell({
  children,
  className,
  helpLink = true,
}: {
  children: ReactNode;
  className?: string;
  helpLink?: boolean;
}) {
  return (
    <View className={`page ${className ?? ''}`} role='main'>
      {children}
      {helpLink ? <HelpLink /> : null}
      <PrivacyPopup />
    </View>
  );
}
