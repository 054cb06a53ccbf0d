import { Button as TaroButton, ScrollView, Text, View } from '@tarojs/components';
import { useRef } from 'react';
import { Button } from '../../components/nutui';
import type { PrivacyNotice as Notice } from './privacy-consent';
import { AGREE_PRIVACY_BUTTON_ID, supportsWeappPrivacyCheck } from './weapp-privacy';
import { keyboardScroll } from '../../components/pressable';
import './privacy.scss';

interface Props {
  notice: Notice;
  onAgree: () => void;
  onDisagree: () => void;
}

/** The privacy notice and user agreement with an explicit 同意并继续 / 不同意 choice. */
export function PrivacyNotice({ notice, onAgree, onDisagree }: Props) {
  const answered = useRef(false);
  const agreeOnce = () => {
    if (answered.current) return;
    answered.current = true;
    onAgree();
  };
  // In WeChat the agree button is an agreePrivacyAuthorization button, so agreeing here also
  // satisfies WeChat's own privacy authorisation.
  const weapp = supportsWeappPrivacyCheck();
  return (
    <View className='privacy-notice'>
      <Text className='privacy-notice__title'>{notice.title}</Text>
      <ScrollView className='privacy-notice__body' scrollY {...keyboardScroll(notice.title)}>
        <Text className='privacy-notice__text'>{notice.text}</Text>
      </ScrollView>
      <Text className='privacy-notice__hint'>
        请阅读上述内容。点击“同意并继续”即表示你已阅读并同意《{notice.title}》。
      </Text>
      <View className='privacy-notice__actions'>
        {weapp ? (
          <TaroButton
            id={AGREE_PRIVACY_BUTTON_ID}
            className='privacy-notice__agree-native'
            openType='agreePrivacyAuthorization'
            onAgreePrivacyAuthorization={agreeOnce}
          >
            同意并继续
          </TaroButton>
        ) : (
          <Button type='primary' block onClick={agreeOnce}>
            同意并继续
          </Button>
        )}
        <Button fill='none' block onClick={onDisagree}>
          不同意
        </Button>
      </View>
    </View>
  );
}
