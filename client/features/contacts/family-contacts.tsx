// A family's numbers for the teacher making a visit or the school's counsellor of an open referral: masked
// until 查看完整号码, which calls a procedure that checks who is asking, audits the read and returns the
// numbers; then a tap calls (Taro.makePhoneCall in the mini program, a tel: link on the web).
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import type { ContactLine } from '@shared/contacts';
import { Button } from '../../components/nutui';
import { useAction } from '../../lib/use-action';
import './contacts.scss';

function call(mobile: string) {
  Taro.makePhoneCall({ phoneNumber: mobile }).catch(() => {
    // the user closed WeChat's call sheet: nothing to do
  });
}

function CallLink({ mobile }: { mobile: string }) {
  if (process.env.TARO_ENV === 'h5')
    return (
      <a className='family-contacts__call' href={`tel:${mobile}`} data-call={mobile}>
        拨打 {mobile}
      </a>
    );
  return (
    <View className='family-contacts__call' data-call={mobile} onClick={() => call(mobile)}>
      拨打 {mobile}
    </View>
  );
}

/**
 * `masked`: the lines as the list shows them. `reveal`: the procedure returning them in clear (and the address
 * of a home visit), or null when this viewer may not see them (the hint says who can).
 */
export function FamilyContacts({
  masked,
  reveal,
  refusedHint,
  onAddress,
}: {
  masked: ContactLine[];
  reveal: (() => Promise<{ contacts: ContactLine[]; address?: string | null }>) | null;
  refusedHint?: string;
  onAddress?: (address: string | null) => void;
}) {
  const [clear, setClear] = useState<ContactLine[] | null>(null);
  const action = useAction({ toast: true });
  const lines = clear ?? masked;
  const show = () =>
    reveal &&
    void action.run(async () => {
      const r = await reveal();
      setClear(r.contacts);
      onAddress?.(r.address ?? null);
    });
  return (
    <View className='contact-card family-contacts'>
      <Text className='contact-mobile__title'>联系家长</Text>
      {lines.length === 0 ? (
        <Text className='family-contacts__hint'>
          家长没有留手机号，学校名册上也没有。可以请班主任或家长学校负责老师转达。
        </Text>
      ) : null}
      {lines.map((l) => (
        <View key={`${l.label}-${l.mobile}`} className='family-contacts__line'>
          <Text className='family-contacts__label'>{l.label}</Text>
          {clear ? <CallLink mobile={l.mobile} /> : <Text className='family-contacts__mobile'>{l.mobile}</Text>}
        </View>
      ))}
      {!clear && lines.length > 0 && reveal ? (
        <>
          <Text className='family-contacts__hint'>查看完整号码会记入审计日志，仅用于联系这个家庭。</Text>
          <Button size='small' type='primary' loading={action.busy} onClick={show}>
            查看完整号码
          </Button>
        </>
      ) : null}
      {!reveal && refusedHint ? <Text className='family-contacts__hint'>{refusedHint}</Text> : null}
    </View>
  );
}
