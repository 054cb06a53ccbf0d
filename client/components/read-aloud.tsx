// 朗读: reads a text aloud where the platform offers speech — the Web Speech API in the web build (the browser's
// own Chinese voice; nothing leaves the device). WeChat has no speech API without a plugin: no button there.
import { Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { keyboardPress } from './pressable';
import './read-aloud.scss';

function speech(): SpeechSynthesis | null {
  if (process.env.TARO_ENV !== 'h5' || typeof window === 'undefined') return null;
  return 'speechSynthesis' in window && typeof SpeechSynthesisUtterance !== 'undefined' ? window.speechSynthesis : null;
}

export function ReadAloud({ text, label = '朗读' }: { text: string; label?: string }) {
  const [speaking, setSpeaking] = useState(false);
  const synth = speech();
  // Leaving the page (or the next question) stops the reading.
  useEffect(
    () => () => {
      speech()?.cancel();
    },
    [text],
  );
  if (!synth) return null;
  const toggle = () => {
    synth.cancel();
    if (speaking) {
      setSpeaking(false);
      return;
    }
    const u = new SpeechSynthesisUtterance(text);
    u.lang = 'zh-CN';
    // A little slower than the default, for older listeners.
    u.rate = 0.9;
    u.onend = () => setSpeaking(false);
    u.onerror = () => setSpeaking(false);
    setSpeaking(true);
    synth.speak(u);
  };
  return (
    <View
      className={`read-aloud${speaking ? ' read-aloud--on' : ''}`}
      role='button'
      aria-pressed={speaking ? 'true' : 'false'}
      {...keyboardPress()}
      onClick={toggle}
    >
      <Text aria-hidden='true'>🔊</Text>
      <Text>{speaking ? '停止朗读' : label}</Text>
    </View>
  );
}
