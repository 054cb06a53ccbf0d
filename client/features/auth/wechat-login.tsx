import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button } from '../../components/nutui';
import { FormError } from '../../components/form-field';
import { useAction } from '../../lib/use-action';
import { trpc } from '../../lib/trpc';
import { finishLogin } from './finish-login';

/** Parents sign in with their WeChat identity (mini program only). */
export function WechatLogin() {
  const { busy, error, run } = useAction({ loginPage: true });

  const login = () =>
    run(async () => {
      const { code } = await Taro.login();
      if (!code) throw new Error('未能获取微信登录凭证，请重试');
      const result = await trpc.auth.wechatLogin.mutate({ code });
      await finishLogin(result);
    });

  return (
    <View className='login-section'>
      <Text className='login-section__lead'>
        家长使用微信身份登录，即可参加家长学校、预约家访、获得家庭心理健康教育指导服务。
      </Text>
      <Button type='primary' block loading={busy} onClick={login}>
        微信一键登录
      </Button>
      <FormError message={error} />
    </View>
  );
}
