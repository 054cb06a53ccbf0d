import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useCallback, useState } from 'react';
import { ErrorState, LoadingState } from '../../components/loading-state';
import { Button } from '../../components/nutui';
import { errorMessage, redirectIfUnauthorized } from '../../lib/api-error';
import { hasToken, isParent, isStaff, loadMe, logout, type Me } from '../../lib/auth-store';
import { ROUTES } from '../../lib/routes';
import { grantPendingPrivacyConsent } from '../privacy/privacy-consent';
import { ParentHome } from './parent-home';
import { StaffHome } from './staff-home';
import './home.scss';

type State = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; me: Me };

export function HomeView() {
  const [state, setState] = useState<State>({ kind: 'loading' });

  const load = useCallback(() => {
    if (!hasToken()) {
      Taro.reLaunch({ url: ROUTES.login });
      return;
    }
    loadMe(true).then(
      (me) => {
        setState({ kind: 'ready', me });
        void grantPendingPrivacyConsent();
      },
      (e: unknown) => {
        if (!redirectIfUnauthorized(e)) setState({ kind: 'error', message: errorMessage(e) });
      },
    );
  }, []);

  useDidShow(load);

  if (state.kind === 'loading') return <LoadingState />;
  if (state.kind === 'error') {
    return (
      <ErrorState
        message={state.message}
        action={
          <Button type='primary' onClick={load}>
            重试
          </Button>
        }
      />
    );
  }

  const { me } = state;
  return (
    <View className='home'>
      <View className='home-header'>
        <Text className='home-header__greeting'>你好，{me.displayName}</Text>
        <Text className='home-header__tagline'>心桥 · 家庭心理健康教育指导服务</Text>
      </View>
      {isStaff(me) ? <StaffHome me={me} /> : null}
      {isParent(me) ? <ParentHome me={me} /> : null}
      <View className='home-footer'>
        <Button fill='outline' block onClick={() => void logout()}>
          退出登录
        </Button>
      </View>
    </View>
  );
}
