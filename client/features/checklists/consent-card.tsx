import { ScrollView, Text, View } from '@tarojs/components';
import { Button } from '../../components/nutui';
import type { ConsentText } from './checklist-consent';
import { keyboardScroll } from '../../components/pressable';
import './checklists.scss';

/** The separate consent for sensitive data, shown in full with an explicit 同意 before any answering. */
export function ChecklistConsentCard({
  text,
  busy,
  onAgree,
  onDecline,
}: {
  text: ConsentText;
  busy: boolean;
  onAgree: () => void;
  onDecline: () => void;
}) {
  return (
    <View className='cl-card cl-consent'>
      <Text className='cl-card__heading'>{text.title}</Text>
      <Text className='cl-card__hint'>
        清单的回答涉及孩子的心理健康状况，属于未成年人的敏感个人信息。填写之前，需要您阅读下面的说明并单独同意。
      </Text>
      <ScrollView className='cl-consent__body' scrollY {...keyboardScroll(text.title)}>
        <Text className='cl-consent__text'>{text.text}</Text>
      </ScrollView>
      <Text className='cl-card__hint'>
        文本版本：{text.textVersion}。同意后可以随时在本页撤回，并删除已保存的答卷。
      </Text>
      <View className='cl-actions'>
        <Button type='primary' block loading={busy} onClick={onAgree}>
          同意
        </Button>
        <Button fill='none' block onClick={onDecline}>
          暂不同意
        </Button>
      </View>
    </View>
  );
}
