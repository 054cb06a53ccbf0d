// A guardian's contact mobile: typed, or (in the mini program) taken from WeChat with the getPhoneNumber
// button, which WeChat shows only behind the user's own tap. The web build has no such button: typing works
// everywhere, and nothing here is required (the school can still reach the family another way).
import { Button as TaroButton, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { CONTACT_PURPOSE, setMyMobileInput } from '@shared/contacts';
import { FormError, FormField } from '../../components/form-field';
import { Button, Input } from '../../components/nutui';
import { trpc } from '../../lib/trpc';
import { useAction } from '../../lib/use-action';
import { invalidate } from '../../lib/use-remote';
import { remoteKeys } from '../../lib/remote-keys';
import './contacts.scss';

/** The getPhoneNumber button's event: `code` when the user allowed it (exchanged by the server). */
type PhoneEvent = { detail: { code?: string; errMsg?: string } };

/**
 * 使用微信绑定的手机号, in the mini program only (null on the web): WeChat asks the user, the server exchanges
 * the event's code and stores the number as the guardian's contact mobile. `onSaved` gets it masked.
 */
export function WechatPhoneButton({ onSaved }: { onSaved: (masked: string | null) => void }) {
  const action = useAction({ toast: true });
  if (process.env.TARO_ENV !== 'weapp') return null;
  const fromWechat = (e: PhoneEvent) => {
    const code = e.detail.code;
    // Declined in WeChat, or no code: the guardian can still type the number.
    if (!code) return;
    void action.run(async () => {
      const { mobileMasked } = await trpc.families.mobileFromWechat.mutate({ code });
      invalidate(remoteKeys.family);
      onSaved(mobileMasked);
    });
  };
  return (
    <TaroButton className='contact-mobile__wechat' openType='getPhoneNumber' onGetPhoneNumber={fromWechat as never}>
      使用微信绑定的手机号
    </TaroButton>
  );
}

/**
 * 联系手机: shows the number given (masked), lets the guardian give, change or remove it. `lead` says why it is
 * asked here (a phone visit, a shared result); the purpose and the encryption are always said.
 */
export function ContactMobileCard({
  current,
  lead,
  onSaved,
}: {
  current: string | null;
  lead?: string;
  onSaved?: (masked: string | null) => void;
}) {
  const [saved, setSaved] = useState(current);
  const [editing, setEditing] = useState(current === null);
  const [mobile, setMobile] = useState('');
  const action = useAction();
  const done = (masked: string | null) => {
    setSaved(masked);
    setEditing(masked === null);
    setMobile('');
    invalidate(remoteKeys.family);
    onSaved?.(masked);
  };
  const save = () => {
    const parsed = setMyMobileInput.safeParse({ mobile });
    if (!parsed.success) {
      action.setError(parsed.error.issues[0]?.message ?? '请填写正确的手机号');
      return;
    }
    void action.run(async () => done((await trpc.families.setMobile.mutate(parsed.data)).mobileMasked), 'save');
  };
  const remove = () =>
    void action.run(async () => done((await trpc.families.setMobile.mutate({ mobile: null })).mobileMasked), 'remove');
  return (
    <View className='contact-card contact-mobile'>
      <Text className='contact-mobile__title'>联系手机</Text>
      {lead ? <Text className='contact-card__lead'>{lead}</Text> : null}
      <Text className='contact-mobile__why'>{CONTACT_PURPOSE}。</Text>
      {saved && !editing ? (
        <View className='contact-mobile__saved'>
          <Text className='contact-mobile__number' data-mobile-masked={saved}>
            已留：{saved}
          </Text>
          <View className='contact-mobile__actions'>
            <Button size='small' fill='outline' onClick={() => setEditing(true)}>
              修改
            </Button>
            <Button size='small' fill='outline' loading={action.busyKey === 'remove'} onClick={remove}>
              删除号码
            </Button>
          </View>
        </View>
      ) : (
        <>
          <WechatPhoneButton onSaved={done} />
          <FormField label='手机号（可不填）'>
            <Input
              name='mobile'
              type='number'
              placeholder='11 位手机号'
              value={mobile}
              onChange={setMobile}
              maxLength={13}
              clearable
            />
          </FormField>
          <FormError message={action.error} />
          <View className='contact-mobile__actions'>
            <Button type='primary' size='small' loading={action.busyKey === 'save'} onClick={save}>
              保存号码
            </Button>
            {saved ? (
              <Button size='small' fill='none' onClick={() => setEditing(false)}>
                不修改
              </Button>
            ) : null}
          </View>
        </>
      )}
    </View>
  );
}
