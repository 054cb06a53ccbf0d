import { Text, View } from '@tarojs/components';
import { Button } from '../../components/nutui';
import { RemoteState } from '../../components/remote-state';
import { hasToken, isParent, isStaff, loadMe, logout, type Me } from '../../lib/auth-store';
import { goToLogin } from '../../lib/api-error';
import { remoteKeys } from '../../lib/remote-keys';
import { useRemote } from '../../lib/use-remote';
import { grantPendingPrivacyConsent } from '../privacy/privacy-consent';
import { ParentHome } from './parent-home';
import { StaffHome } from './staff-home';
import { CareModeToggle } from './care-mode-toggle';
import './home.scss';

/** Who is signed in (read afresh each time the page shows); without a token, the login page instead. */
async function loadHome(): Promise<Me | null> {
  if (!hasToken()) {
    goToLogin();
    return null;
  }
  const me = await loadMe(true);
  void grantPendingPrivacyConsent();
  return me;
}

export function HomeView() {
  const { state, reload } = useRemote(remoteKeys.home, loadHome);
  return (
    <RemoteState state={state} reload={reload}>
      {(me) => (me ? <Home me={me} /> : null)}
    </RemoteState>
  );
}

function Home({ me }: { me: Me }) {
  return (
    <View className='home'>
      <View className='home-header'>
        <Text className='home-header__greeting'>你好，{me.displayName}</Text>
        <Text className='home-header__tagline'>心桥 · 家庭心理健康教育指导服务</Text>
      </View>
      <CareModeToggle />
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
