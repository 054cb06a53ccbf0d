import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { keyboardPress } from '../../components/pressable';
import './visits.scss';

interface Step<V extends string> {
  value: V;
  label: string;
}

/**
 * The coordinator's page in steps (家访时段 / 分配老师 / 进度): one at a time instead of every form down one long
 * page. NutUI's Tabs gives its titles no role and no tab stop on the web, so this is a plain tab list: each
 * tab a role=tab with aria-selected, reached with Tab and picked with Enter or Space.
 */
export function StepTabs<V extends string>({
  steps,
  value,
  onChange,
  children,
}: {
  steps: readonly Step<V>[];
  value: V;
  onChange: (value: V) => void;
  children: ReactNode;
}) {
  return (
    <View className='step-tabs'>
      <View className='step-tabs__bar' role='tablist'>
        {steps.map((s, i) => {
          const selected = s.value === value;
          return (
            <View
              key={s.value}
              className={`step-tabs__tab${selected ? ' step-tabs__tab--selected' : ''}`}
              data-step={s.value}
              role='tab'
              aria-selected={selected ? 'true' : 'false'}
              {...keyboardPress()}
              onClick={() => onChange(s.value)}
            >
              <Text>{`${i + 1}. ${s.label}`}</Text>
            </View>
          );
        })}
      </View>
      <View className='step-tabs__panel' role='tabpanel'>
        {children}
      </View>
    </View>
  );
}
