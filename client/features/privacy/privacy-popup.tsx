import { View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import {
  acceptPrivacy,
  BUILTIN_PRIVACY_NOTICE,
  loadPrivacyNotice,
  type PrivacyNotice as Notice,
} from './privacy-consent';
import { PrivacyNotice } from './privacy-notice';
import { answerPrivacyRequest, subscribePrivacyRequests } from './weapp-privacy';

/** Shown when WeChat asks for privacy authorisation (mini program only; renders nothing on the web). */
export function PrivacyPopup() {
  const [pending, setPending] = useState(false);
  const [notice, setNotice] = useState<Notice>(BUILTIN_PRIVACY_NOTICE);

  useEffect(() => {
    if (process.env.TARO_ENV !== 'weapp') return undefined;
    return subscribePrivacyRequests(setPending);
  }, []);

  useEffect(() => {
    if (!pending) return;
    loadPrivacyNotice().then(setNotice, () => undefined);
  }, [pending]);

  if (!pending) return null;
  return (
    <View className='privacy-popup'>
      <View className='privacy-popup__sheet'>
        <PrivacyNotice
          notice={notice}
          onAgree={() => {
            acceptPrivacy(notice);
            answerPrivacyRequest(true);
          }}
          onDisagree={() => answerPrivacyRequest(false)}
        />
      </View>
    </View>
  );
}
