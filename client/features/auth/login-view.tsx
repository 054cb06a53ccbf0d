import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { LoadingState } from '../../components/loading-state';
import { hasToken } from '../../lib/auth-store';
import { ROUTES } from '../../lib/routes';
import {
  acceptPrivacy,
  isPrivacyAccepted,
  loadPrivacyNotice,
  type PrivacyNotice as Notice,
} from '../privacy/privacy-consent';
import { PrivacyNotice } from '../privacy/privacy-notice';
import { LoginPanelSlot } from './login-panel-slot';
import { keyboardPress } from '../../components/pressable';
import './login.scss';

/** The privacy notice first (until agreed), then the ways to sign in. */
export function LoginView({ demoParent }: { demoParent?: number }) {
  const [notice, setNotice] = useState<Notice | null>(null);
  const [accepted, setAccepted] = useState(false);
  const [declined, setDeclined] = useState(false);

  useEffect(() => {
    if (hasToken()) {
      Taro.reLaunch({ url: ROUTES.home });
      return;
    }
    loadPrivacyNotice().then((n) => {
      setNotice(n);
      setAccepted(isPrivacyAccepted(n));
    });
  }, []);

  if (!notice) return <LoadingState />;

  return (
    <View className='login'>
      <View className='login-brand'>
        <Text className='login-brand__name'>心桥</Text>
        <Text className='login-brand__tagline'>家校社协同 · 家庭心理健康教育指导服务</Text>
      </View>
      {accepted ? (
        <LoginPanelSlot demoParent={demoParent} />
      ) : declined ? (
        <View className='login-block'>
          <Text className='login-section__lead'>需要你同意隐私政策与用户协议后才能使用本服务。</Text>
          <View className='login-declined__again' role='button' {...keyboardPress()} onClick={() => setDeclined(false)}>
            <Text>重新查看隐私政策与用户协议</Text>
          </View>
        </View>
      ) : (
        <PrivacyNotice
          notice={notice}
          onAgree={() => {
            acceptPrivacy(notice);
            setAccepted(true);
          }}
          onDisagree={() => setDeclined(true)}
        />
      )}
    </View>
  );
}
