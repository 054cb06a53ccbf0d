import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { passwordLoginInput } from '@shared/schemas';
import { Button, Input } from '../../components/nutui';
import { FormError, FormField } from '../../components/form-field';
import { useAction } from '../../lib/use-action';
import { trpc } from '../../lib/trpc';
import { validate } from '../../lib/validate';
import { finishLogin } from './finish-login';

/** Staff of schools, 妇联 and 关工委 sign in with their work account. */
export function StaffLoginForm() {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const { busy, error, setError, run } = useAction({ loginPage: true });

  const submit = async () => {
    if (busy) return;
    const checked = validate(passwordLoginInput, { username, password });
    if (!checked.ok) {
      setError(checked.message);
      return;
    }
    await run(async () => {
      const result = await trpc.auth.passwordLogin.mutate(checked.data);
      await finishLogin(result);
    });
  };

  return (
    <View className='login-section'>
      <Text className='login-section__lead'>学校、妇联、关工委工作人员使用工作账号登录。</Text>
      <FormField label='用户名'>
        <Input name='username' placeholder='请输入用户名' value={username} onChange={setUsername} clearable />
      </FormField>
      <FormField label='密码'>
        <Input name='password' type='password' placeholder='请输入密码' value={password} onChange={setPassword} clearable />
      </FormField>
      <FormError message={error} />
      <Button type='primary' block loading={busy} onClick={submit}>
        登录
      </Button>
    </View>
  );
}
