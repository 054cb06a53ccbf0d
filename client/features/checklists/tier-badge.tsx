import { Text } from '@tarojs/components';
import type { RiskTier } from '@shared/checklists';
import { TIER_SHORT, TIER_TONES, type Tone } from './checklist-text';
import './checklists.scss';

export function Badge({ text, tone }: { text: string; tone: Tone }) {
  return <Text className={`cl-badge cl-badge--${tone}`}>{text}</Text>;
}

export function TierBadge({ tier }: { tier: RiskTier }) {
  return <Badge text={TIER_SHORT[tier]} tone={TIER_TONES[tier]} />;
}
