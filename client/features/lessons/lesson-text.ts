import { STAGE_LABELS, type Stage } from '@shared/grades';
import { LESSON_FORMAT_LABELS, LESSON_TOPIC_LABELS, LESSON_TOPICS } from '@shared/lessons';

export type StageFilter = 'ALL' | Stage;
export type TopicFilter = 'ALL' | (typeof LESSON_TOPICS)[number];

export const STAGE_FILTERS: { value: StageFilter; label: string }[] = [
  { value: 'ALL', label: '全部学段' },
  ...(Object.keys(STAGE_LABELS) as Stage[]).map((s) => ({ value: s, label: STAGE_LABELS[s] })),
];

export const TOPIC_FILTERS: { value: TopicFilter; label: string }[] = [
  { value: 'ALL', label: '全部主题' },
  ...LESSON_TOPICS.map((t) => ({ value: t, label: LESSON_TOPIC_LABELS[t] })),
];

export function stagesText(stages: string[]): string {
  return stages.map((s) => STAGE_LABELS[s as Stage] ?? s).join('、');
}

export function formatLabel(format: string): string {
  return LESSON_FORMAT_LABELS[format as keyof typeof LESSON_FORMAT_LABELS] ?? format;
}

/** "图文 · 约 5 分钟". */
export function lessonMeta(l: { format: string; durationMinutes: number | null }): string {
  return l.durationMinutes ? `${formatLabel(l.format)} · 约 ${l.durationMinutes} 分钟` : formatLabel(l.format);
}
