import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { LoadingState } from '../../components/loading-state';
import { DemoParentLogin } from './demo-parent-login';
import { StaffLoginForm } from './staff-login-form';
import { useSystemInfo } from './use-system-info';
import { WechatLogin } from './wechat-login';
import './login.scss';

type Tab = 'parent' | 'staff';

/**
 * Mini program: 家长 (WeChat) and 工作人员 tabs. Web (desk staff): staff form, plus demo parents in demo mode.
 * `staffOnly`: the work-account form alone (staff who skipped the parents' privacy notice).
 */
export function LoginPanel({ demoParent, staffOnly }: { demoParent?: number; staffOnly?: boolean }) {
  const { info, loading } = useSystemInfo();
  const [tab, setTab] = useState<Tab>('parent');

  if (staffOnly) return <StaffLoginForm />;

  if (process.env.TARO_ENV === 'weapp') {
    return (
      <View className='login-panel'>
        <View className='login-tabs'>
          <View
            className={`login-tabs__tab${tab === 'parent' ? ' login-tabs__tab--active' : ''}`}
            onClick={() => setTab('parent')}
          >
            <Text>家长</Text>
          </View>
          <View
            className={`login-tabs__tab${tab === 'staff' ? ' login-tabs__tab--active' : ''}`}
            onClick={() => setTab('staff')}
          >
            <Text>工作人员</Text>
          </View>
        </View>
        {tab === 'parent' ? <WechatLogin /> : <StaffLoginForm />}
      </View>
    );
  }

  return (
    <View className='login-panel'>
      <View className='login-block'>
        <Text className='login-block__title'>家长登录</Text>
        {loading ? (
          <LoadingState />
        ) : info?.demoMode ? (
          <DemoParentLogin count={info.demoParentCount} initial={demoParent} />
        ) : (
          <Text className='login-section__lead'>家长请在微信中打开“心桥”小程序，使用微信身份登录。</Text>
        )}
      </View>
      <View className='login-block'>
        <Text className='login-block__title'>工作人员登录</Text>
        <StaffLoginForm />
      </View>
    </View>
  );
}
