import { Text, View } from '@tarojs/components';
import { keyboardPress } from './pressable';
import './choice-chips.scss';

export interface Choice<V extends string> {
  value: V;
  label: string;
}

interface Props<V extends string> {
  options: readonly Choice<V>[];
  value: V | null;
  onChange: (value: V) => void;
}

/**
 * A single choice shown as tappable chips: every option visible, one tap to pick (no scroll wheel). On the
 * web, a radio group (each chip a radio, reached with Tab, picked with Enter or Space).
 */
export function ChoiceChips<V extends string>({ options, value, onChange }: Props<V>) {
  return (
    <View className='choice-chips' role='radiogroup'>
      {options.map((option) => {
        const selected = option.value === value;
        return (
          <View
            key={option.value}
            className={`choice-chips__chip${selected ? ' choice-chips__chip--selected' : ''}`}
            data-value={option.value}
            role='radio'
            aria-checked={selected ? 'true' : 'false'}
            {...keyboardPress()}
            onClick={() => onChange(option.value)}
          >
            <Text>{option.label}</Text>
          </View>
        );
      })}
    </View>
  );
}
