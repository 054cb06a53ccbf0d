import { Text, View } from '@tarojs/components';
import type { Choice } from '../../components/choice-chips';
import { keyboardPress } from '../../components/pressable';
import '../../components/choice-chips.scss';

/** Several choices as tappable chips (the shared ChoiceChips picks one). */
export function MultiChips<V extends string>({
  options,
  value,
  onChange,
}: {
  options: readonly Choice<V>[];
  value: readonly V[];
  onChange: (value: V[]) => void;
}) {
  return (
    <View className='choice-chips' role='group'>
      {options.map((option) => {
        const selected = value.includes(option.value);
        return (
          <View
            key={option.value}
            className={`choice-chips__chip${selected ? ' choice-chips__chip--selected' : ''}`}
            data-value={option.value}
            role='checkbox'
            aria-checked={selected ? 'true' : 'false'}
            {...keyboardPress()}
            onClick={() => onChange(selected ? value.filter((v) => v !== option.value) : [...value, option.value])}
          >
            <Text>{option.label}</Text>
          </View>
        );
      })}
    </View>
  );
}
