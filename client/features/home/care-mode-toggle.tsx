import { Text, View } from '@tarojs/components';
import { keyboardPress } from '../../components/pressable';
import { setCareMode, useCareMode } from '../../lib/care-mode';
import './home.scss';

/** 关怀模式（大字）: one tap on the whole row; every page follows at once and the choice is remembered. */
export function CareModeToggle() {
  const on = useCareMode();
  return (
    <View
      className={`care-toggle${on ? ' care-toggle--on' : ''}`}
      role='switch'
      aria-checked={on ? 'true' : 'false'}
      aria-label='关怀模式（大字）'
      {...keyboardPress()}
      onClick={() => setCareMode(!on)}
    >
      <View className='care-toggle__text'>
        <Text className='care-toggle__label'>关怀模式（大字）</Text>
        <Text className='care-toggle__hint'>
          {on ? '已开启：字更大，按钮更大，颜色更深。再点一次关闭。' : '字更大，按钮更大，颜色更深，方便长辈使用。'}
        </Text>
      </View>
      <View className='care-toggle__switch' aria-hidden='true'>
        <View className='care-toggle__knob' />
      </View>
    </View>
  );
}
