import { Picker, Text, View } from '@tarojs/components';
import { useMemo, useState } from 'react';
import { Button } from '../../components/nutui';
import { FormError } from '../../components/form-field';
import { useAction } from '../../lib/use-action';
import { trpc } from '../../lib/trpc';
import { finishLogin } from './finish-login';

interface Props {
  /** How many demo parents the demo data has (system.info.demoParentCount). */
  count: number;
  /** Preselected demo parent, e.g. from the page's ?demoParent=N. */
  initial?: number;
}

/**
 * Demo mode only (the server talks to the project's fake WeChat API): sign in as demo parent N
 * through the same auth.wechatLogin call, with the code the fake maps to openid-demo-parent-N.
 */
export function DemoParentLogin({ count, initial = 1 }: Props) {
  const total = Math.max(1, count);
  const [index, setIndex] = useState(Math.min(Math.max(1, initial), total) - 1);
  const { busy, error, run } = useAction({ loginPage: true });
  const labels = useMemo(() => Array.from({ length: total }, (_, i) => `演示家长 ${i + 1}`), [total]);

  const login = () =>
    run(async () => {
      const result = await trpc.auth.wechatLogin.mutate({ code: `demo-parent-${index + 1}` });
      await finishLogin(result);
    });

  return (
    <View className='login-section'>
      <Text className='login-section__lead'>演示环境：选择一位演示家长，模拟微信登录。</Text>
      <Picker mode='selector' range={labels} value={index} onChange={(e) => setIndex(Number(e.detail.value))}>
        <View className='login-picker' data-testid='demo-parent-picker'>
          <Text className='login-picker__label'>演示家长</Text>
          <Text className='login-picker__value'>{labels[index]}</Text>
        </View>
      </Picker>
      <Button type='primary' block loading={busy} onClick={login}>
        演示家长登录
      </Button>
      <FormError message={error} />
    </View>
  );
}
