import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { passwordLoginInput } from '@shared/schemas';
import { FormError, FormField } from '../../components/form-field';
import { Button, Input } from '../../components/nutui';
import { trpc } from '../../lib/trpc';
import { useSchemaForm } from '../../lib/use-schema-form';
import { startSession } from '../../lib/auth-store';
import { ROUTES } from '../../lib/routes';
import { finishLogin } from './finish-login';
import { ChangePasswordForm } from './change-password-form';

/** Staff of schools, 妇联 and 关工委 sign in with their work account. */
export function StaffLoginForm() {
  // On the login page an UNAUTHORIZED answer is the reason signing in failed.
  const form = useSchemaForm(passwordLoginInput, { username: '', password: '' }, { loginPage: true });
  const { values, set, busy, error } = form;
  // Signed in with an initial password: it must be replaced first.
  const [initial, setInitial] = useState<string | null>(null);

  const submit = () =>
    form.submit(async (input) => {
      const result = await trpc.auth.passwordLogin.mutate(input);
      if (result.user.mustChangePassword) {
        await startSession(result);
        setInitial(input.password);
        return;
      }
      await finishLogin(result);
    });

  if (initial !== null) {
    return <ChangePasswordForm currentPassword={initial} onChanged={() => void Taro.reLaunch({ url: ROUTES.home })} />;
  }

  return (
    <View className='login-section'>
      <Text className='login-section__lead'>学校、妇联、关工委工作人员使用工作账号登录。</Text>
      <FormField label='用户名'>
        <Input
          name='username'
          placeholder='请输入用户名'
          value={values.username}
          onChange={set('username')}
          clearable
        />
      </FormField>
      <FormField label='密码'>
        <Input
          name='password'
          type='password'
          placeholder='请输入密码'
          value={values.password}
          onChange={set('password')}
          clearable
        />
      </FormField>
      <FormError message={error} />
      <Button type='primary' block loading={busy} onClick={() => void submit()}>
        登录
      </Button>
    </View>
  );
}
