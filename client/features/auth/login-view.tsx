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

/**
 * Parents: the privacy notice first (until agreed), then the ways to sign in. Staff skip the parents' notice:
 * 工作人员登录 opens their work-account form, where they accept the staff confidentiality terms instead.
 */
export function LoginView({ demoParent }: { demoParent?: number }) {
  const [notice, setNotice] = useState<Notice | null>(null);
  const [accepted, setAccepted] = useState(false);
  const [declined, setDeclined] = useState(false);
  const [staff, setStaff] = useState(false);

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
      {staff ? (
        <View className='login-block'>
          <Text className='login-block__title'>工作人员登录</Text>
          <LoginPanelSlot staffOnly />
          <View className='login-switch' role='button' {...keyboardPress()} onClick={() => setStaff(false)}>
            <Text>我是家长，返回家长登录</Text>
          </View>
        </View>
      ) : accepted ? (
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
      {!staff && !accepted ? (
        <View className='login-switch' role='button' {...keyboardPress()} onClick={() => setStaff(true)}>
          <Text>学校、妇联、关工委工作人员登录</Text>
        </View>
      ) : null}
    </View>
  );
}
