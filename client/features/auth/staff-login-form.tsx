import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { passwordLoginInput } from '@shared/schemas';
import { FormError, FormField } from '../../components/form-field';
import { Button, Input } from '../../components/nutui';
import { trpc } from '../../lib/trpc';
import { useSchemaForm } from '../../lib/use-schema-form';
import { startSession } from '../../lib/auth-store';
import { ROUTES } from '../../lib/routes';
import { ChangePasswordForm } from './change-password-form';
import { keyboardPress } from '../../components/pressable';
import { grantStaffTerms, loadStaffTerms, type PrivacyNotice } from '../privacy/privacy-consent';

/** 工作人员保密承诺: read (tap to open the text) and ticked before signing in; recorded once signed in. */
function StaffTerms({
  terms,
  agreed,
  onChange,
}: {
  terms: PrivacyNotice;
  agreed: boolean;
  onChange: (v: boolean) => void;
}) {
  const [open, setOpen] = useState(false);
  return (
    <View className='staff-terms'>
      <View
        className={`staff-terms__check${agreed ? ' staff-terms__check--on' : ''}`}
        role='checkbox'
        aria-checked={agreed ? 'true' : 'false'}
        {...keyboardPress()}
        onClick={() => onChange(!agreed)}
      >
        <View className='staff-terms__box' aria-hidden='true'>
          <Text>{agreed ? '✓' : ''}</Text>
        </View>
        <Text className='staff-terms__label'>我已阅读并承诺遵守《{terms.title}》</Text>
      </View>
      <View className='staff-terms__toggle' role='button' {...keyboardPress()} onClick={() => setOpen(!open)}>
        <Text>{open ? '收起承诺内容' : `查看《${terms.title}》`}</Text>
      </View>
      {open ? <Text className='staff-terms__text'>{terms.text}</Text> : null}
    </View>
  );
}

/** Staff of schools, 妇联 and 关工委 sign in with their work account. */
export function StaffLoginForm() {
  // On the login page an UNAUTHORIZED answer is the reason signing in failed.
  const form = useSchemaForm(passwordLoginInput, { username: '', password: '' }, { loginPage: true });
  const { values, set, busy, error } = form;
  // Signed in with an initial password: it must be replaced first.
  const [initial, setInitial] = useState<string | null>(null);
  // Staff accept their confidentiality terms here, not the parents' privacy notice.
  const [terms, setTerms] = useState<PrivacyNotice | null>(null);
  const [agreed, setAgreed] = useState(false);
  const [termsError, setTermsError] = useState<string | null>(null);
  useEffect(() => {
    void loadStaffTerms().then(setTerms);
  }, []);

  const submit = () => {
    if (!agreed) {
      setTermsError(`请先阅读并勾选“我已阅读并承诺遵守《${terms?.title ?? '工作人员保密承诺'}》”`);
      return;
    }
    setTermsError(null);
    return form.submit(async (input) => {
      const result = await trpc.auth.passwordLogin.mutate(input);
      await startSession(result);
      if (terms) await grantStaffTerms(terms);
      if (result.user.mustChangePassword) {
        setInitial(input.password);
        return;
      }
      await Taro.reLaunch({ url: ROUTES.home });
    });
  };

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
      {terms ? (
        <StaffTerms
          terms={terms}
          agreed={agreed}
          onChange={(v) => {
            setAgreed(v);
            if (v) setTermsError(null);
          }}
        />
      ) : null}
      <FormError message={termsError ?? error} />
      <Button type='primary' block loading={busy} onClick={() => void submit()}>
        登录
      </Button>
    </View>
  );
}
