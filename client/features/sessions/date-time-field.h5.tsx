// The web build's date and time field (Taro picks this file over date-time-field.tsx for H5): desk staff type
// "2026-12-05 19:00", or use the browser's own date and time inputs beside it — not a phone's wheel picker,
// which on a desk screen had 11 px text.
import { View } from '@tarojs/components';
import { FormField } from '../../components/form-field';
import { Input } from '../../components/nutui';
import { chinaTime } from '../../lib/china-time';
import { dateTimeParts, type DateTimeFieldProps } from './date-time-parts';
import './sessions.scss';

export function DateTimeField({ label, name, placeholder, value, onChange }: DateTimeFieldProps) {
  const parts = dateTimeParts(value);
  const date = parts.date ?? '';
  const time = parts.time ?? '';
  const fallbackDate = () => chinaTime(new Date()).add(1, 'day').format('YYYY-MM-DD');
  return (
    <FormField label={label}>
      <Input name={name} placeholder={placeholder} value={value} onChange={onChange} maxLength={20} clearable />
      <View className='session-form__pickers session-form__pickers--native'>
        <input
          className='session-form__native'
          type='date'
          aria-label={`${label}：日期`}
          value={date}
          onChange={(e) => onChange(`${e.target.value} ${time || '19:00'}`.trim())}
        />
        <input
          className='session-form__native'
          type='time'
          aria-label={`${label}：时间`}
          value={time}
          onChange={(e) => onChange(`${date || fallbackDate()} ${e.target.value}`)}
        />
      </View>
    </FormField>
  );
}
