import { Picker, Text, View } from '@tarojs/components';
import { FormField } from '../../components/form-field';
import { Input } from '../../components/nutui';
import { chinaTime } from '../../lib/china-time';
import { dateTimeParts, type DateTimeFieldProps } from './date-time-parts';
import './sessions.scss';

/**
 * A date and time typed as "2026-12-05 19:00" (what the desk staff type, and what tests fill), with the
 * system date and time pickers beside it for phones.
 */
export function DateTimeField({ label, name, placeholder, value, onChange }: DateTimeFieldProps) {
  const parts = dateTimeParts(value);
  const date = parts.date ?? chinaTime(new Date()).add(1, 'day').format('YYYY-MM-DD');
  const time = parts.time ?? '19:00';
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
