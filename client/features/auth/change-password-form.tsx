import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { changePasswordInput } from '@shared/admin';
import { FormError, FormField } from '../../components/form-field';
import { Button, Input } from '../../components/nutui';
import { trpc } from '../../lib/trpc';
import { useSchemaForm } from '../../lib/use-schema-form';

/**
 * A new staff account's first sign-in: the initial password someone else chose must be replaced before
 * anything else works (the server refuses staff calls until then).
 */
export function ChangePasswordForm(props: { currentPassword: string; onChanged: () => void }) {
  const form = useSchemaForm(changePasswordInput, { currentPassword: props.currentPassword, newPassword: '' });
  const { values, set, busy, error } = form;
  const [again, setAgain] = useState('');
  const [mismatch, setMismatch] = useState<string | null>(null);

  const submit = () => {
    if (values.newPassword !== again) {
      setMismatch('两次输入的新密码不一致');
      return;
    }
    setMismatch(null);
    return form.submit(async (input) => {
      await trpc.auth.changePassword.mutate(input);
      props.onChanged();
    });
  };

  return (
    <View className='login-section change-password'>
      <Text className='login-section__lead'>
        这是管理员为您设置的初始密码。为了账号安全，请先设置您自己的密码（至少 8 位，不能全是数字）。
      </Text>
      <FormField label='新密码'>
        <Input
          name='newPassword'
          type='password'
          placeholder='请输入新密码'
          value={values.newPassword}
          onChange={set('newPassword')}
          clearable
        />
      </FormField>
      <FormField label='再输入一次'>
        <Input
          name='newPasswordAgain'
          type='password'
          placeholder='请再输入一次新密码'
          value={again}
          onChange={setAgain}
          clearable
        />
      </FormField>
      <FormError message={mismatch ?? error} />
      <Button type='primary' block loading={busy} onClick={() => void submit()}>
        保存新密码并进入
      </Button>
    </View>
  );
}
