import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import type { SessionKind } from '@shared/sessions';
import { formatTimeRange } from '../../lib/china-time';
import { kindLabel, placeText, seatsText } from './session-text';
import { keyboardPress } from '../../components/pressable';
import './sessions.scss';

export interface SessionSummary {
  id: string;
  kind: SessionKind;
  title: string;
  startsAt: string;
  endsAt: string;
  capacity: number;
  confirmed: number;
  waitlisted: number;
  mode: 'OFFLINE' | 'ONLINE';
  venue: string | null;
  mentalHealth: boolean;
  orgUnitName: string;
}

/** The kind of a session and, when it delivers it, the 心理健康 tag. */
export function SessionTags({
  kind,
  mentalHealth,
  extra,
}: {
  kind: SessionKind;
  mentalHealth: boolean;
  extra?: ReactNode;
}) {
  return (
    <View className='session-tags'>
      <Text className='session-tag session-tag--kind'>{kindLabel(kind)}</Text>
      {mentalHealth ? <Text className='session-tag session-tag--mental'>心理健康</Text> : null}
      {extra}
    </View>
  );
}

export function StatusBadge({ text, tone = 'info' }: { text: string; tone?: 'info' | 'ok' | 'warn' | 'muted' }) {
  return <Text className={`status-badge status-badge--${tone}`}>{text}</Text>;
}

/** One session in a list: kind, title, time, place, seats; `badge` and `children` for what the page adds. */
export function SessionCard({
  session,
  badge,
  onClick,
  children,
}: {
  session: SessionSummary;
  badge?: ReactNode;
  onClick?: () => void;
  children?: ReactNode;
}) {
  return (
    <View
      className='session-card'
      data-session-id={session.id}
      {...(onClick ? { role: 'link', ...keyboardPress() } : {})}
      onClick={onClick}
    >
      <SessionTags kind={session.kind} mentalHealth={session.mentalHealth} extra={badge} />
      <Text className='session-card__title'>{session.title}</Text>
      <Text className='session-card__line'>时间：{formatTimeRange(session.startsAt, session.endsAt)}</Text>
      <Text className='session-card__line'>地点：{placeText(session)}</Text>
      <Text className='session-card__line'>主办：{session.orgUnitName}</Text>
      <Text className='session-card__seats'>{seatsText(session)}</Text>
      {children}
    </View>
  );
}
