import { View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { PrivacyPopup } from '../features/privacy/privacy-popup';
import { useCareMode } from '../lib/care-mode';
import { HelpLink } from './help-link';
import { HomeLink } from './home-link';

/**
 * Every page's frame: the page's main landmark; `page--care` in 关怀模式 (client/styles/care-mode.scss: larger
 * text and taps, darker text, on every page at once); the privacy popup WeChat may ask for on any page, at its
 * head (web build, page opened directly) the way home, and at its foot the way to the crisis help card (left
 * out on that card itself). `homeLink` is false on the home and login pages.
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
  const care = useCareMode();
  return (
    <View className={`page${care ? ' page--care' : ''} ${className ?? ''}`} role='main'>
      {homeLink ? <HomeLink /> : null}
      {children}
      {helpLink ? <HelpLink /> : null}
      <PrivacyPopup />
    </View>
  );
}
