import { View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { PrivacyPopup } from '../features/privacy/privacy-popup';
import { HelpLink } from './help-link';
import { HomeLink } from './home-link';

/**
 * Every page's frame; carries the privacy popup WeChat may ask for on any page, at its head (web build, page
 * opened directly) the way home, and at its foot the way to the crisis help card (left out on that card itself).
 * `homeLink` is false on the home and login pages.
 */
export function PageShell({
  children,
  className,
  helpLink = true,
  homeLink = true,
}: {
  children: ReactNode;
  className?: string;
  helpLink?: boolean;
  homeLink?: boolean;
}) {
  return (
    <View className={`page ${className ?? ''}`}>
      {homeLink ? <HomeLink /> : null}
      {children}
      {helpLink ? <HelpLink /> : null}
      <PrivacyPopup />
    </View>
  );
}
