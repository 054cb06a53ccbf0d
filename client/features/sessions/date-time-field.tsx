import { Picker, Text, View } from '@tarojs/components';
import { FormField } from '../../components/form-field';
import { Input } from '../../components/nutui';
import { chinaTime } from '../../lib/china-time';
import './sessions.scss';

/**
 * A date and time typed as "2026-12-05 19:00" (what the desk staff type, and what tests fill), with the
 * system date and time pickers beside it for phones.
 */
export function DateTimeField({
  label,
  name,
  placeholder,
  value,
  onChange,
}: {
  label: string;
  name: string;
  placeholder: string;
  value: string;
  onChange: (v: string) => void;
}) {
  const m = /^(\d{4}-\d{2}-\d{2})?\s*(\d{1,2}:\d{2})?$/.exec(value.trim());
  const tomorrow = chinaTime(new Date()).add(1, 'day');
  const date = m?.[1] ?? tomorrow.format('YYYY-MM-DD');
  const time = m?.[2] ?? '19:00';
  return (
    <FormField label={label}>
      <Input name={name} placeholder={placeholder} value={value} onChange={onChange} maxLength={20} clearable />
      <View className='session-form__pickers'>
        <Picker mode='date' value={date} onChange={(e) => onChange(`${e.detail.value} ${time}`)}>
          <Text className='session-form__picker'>选择日期</Text>
        </Picker>
        <Picker mode='time' value={time} onChange={(e) => onChange(`${date} ${e.detail.value}`)}>
          <Text className='session-form__picker'>选择时间</Text>
        </Picker>
      </View>
    </FormField>
  );
}
