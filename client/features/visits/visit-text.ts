// Words and times of the home-visit pages.
import { chinaDay, chinaInstant } from '@shared/china-time';
import { GRADES } from '@shared/grades';
import {
  PRIORITY_REASONS,
  PRIORITY_REASON_LABELS,
  VISIT_MODES,
  VISIT_MODE_LABELS,
  VISIT_SEASON_LABELS,
  VISIT_STATUS_LABELS,
  VISIT_TOPIC_LABELS,
  type VisitMode,
} from '@shared/visits';
import { chinaTime } from '../../lib/china-time';

export const MODE_CHOICES = VISIT_MODES.map((value) => ({ value, label: VISIT_MODE_LABELS[value] }));

export function modeLabel(mode: string): string {
  return VISIT_MODE_LABELS[mode as VisitMode] ?? mode;
}

export function seasonLabel(season: string): string {
  return (VISIT_SEASON_LABELS as Record<string, string>)[season] ?? season;
}

export function visitStatusLabel(status: string): string {
  return (VISIT_STATUS_LABELS as Record<string, string>)[status] ?? status;
}

export function topicLabel(topic: string): string {
  return (VISIT_TOPIC_LABELS as Record<string, string>)[topic] ?? topic;
}

export function reasonLabel(reason: string): string {
  return (PRIORITY_REASON_LABELS as Record<string, string>)[reason] ?? reason;
}

/** "2027-01-20" → "2027年1月20日". */
export function dayText(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

export function windowDates(w: { startsOn: string; endsOn: string }): string {
  return `${dayText(w.startsOn)} 至 ${dayText(w.endsOn)}`;
}

/** "1月20日 星期三" (with the year when not this year). */
export function dayHeading(iso: string): string {
  const t = chinaTime(iso);
  return t.format(t.year() === chinaTime(new Date()).year() ? 'M月D日 dddd' : 'YYYY年M月D日 dddd');
}

/** "09:00–10:00". */
export function clockRange(startsAt: string, endsAt: string): string {
  return `${chinaTime(startsAt).format('HH:mm')}–${chinaTime(endsAt).format('HH:mm')}`;
}

/** Items grouped by their China day, in the order given. */
export function groupByDay<T extends { startsAt: string }>(
  items: readonly T[],
): { day: string; heading: string; items: T[] }[] {
  const groups: { day: string; heading: string; items: T[] }[] = [];
  for (const item of items) {
    const day = chinaDay(new Date(item.startsAt));
    let g = groups[groups.length - 1];
    if (!g || g.day !== day) {
      g = { day, heading: dayHeading(item.startsAt), items: [] };
      groups.push(g);
    }
    g.items.push(item);
  }
  return groups;
}

/** "张子涵（三年级（1）班）". */
export function childrenText(children: readonly { name: string; grade: string; className: string | null }[]): string {
  return children.map((c) => (c.className ? `${c.name}（${c.className}）` : c.name)).join('、');
}

/** "2027-1-5" / "2027/01/05" / "2027年1月5日" → "2027-01-05"; null when it is not a day. */
export function normalizeDay(text: string): string | null {
  const m = /^\s*(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?\s*$/.exec(text);
  if (!m) return null;
  const day = `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
  // Noon of that day in China reads back as the same day unless it is no day (2月30日 rolls over or is invalid).
  const noon = chinaInstant(day, '12:00');
  return !Number.isNaN(noon.getTime()) && chinaDay(noon) === day ? day : null;
}

/** Several days typed in one field, separated by commas or spaces. */
export function parseDays(text: string): { days: string[]; bad: string | null } {
  const parts = text.split(/[,，、;；\s]+/).filter(Boolean);
  const days: string[] = [];
  for (const p of parts) {
    const d = normalizeDay(p);
    if (!d) return { days, bad: p };
    if (!days.includes(d)) days.push(d);
  }
  return { days: days.sort(), bad: null };
}

/** "9:00-11:30, 14:00–16:00" → [{start:'09:00', end:'11:30'}, …]. */
export function parseRanges(text: string): { ranges: { start: string; end: string }[]; bad: string | null } {
  const parts = text.split(/[,，、;；\s]+/).filter(Boolean);
  const ranges: { start: string; end: string }[] = [];
  const hhmm = (h: string, m: string) => `${h.padStart(2, '0')}:${m}`;
  for (const p of parts) {
    const m = /^(\d{1,2})[:：](\d{2})[-–—~～至到](\d{1,2})[:：](\d{2})$/.exec(p);
    if (!m) return { ranges, bad: p };
    ranges.push({ start: hhmm(m[1], m[2]), end: hhmm(m[3], m[4]) });
  }
  return { ranges, bad: null };
}

/** "G3" → "三年级". */
export function gradeLabel(code: string): string {
  return (GRADES as readonly { code: string; label: string }[]).find((g) => g.code === code)?.label ?? code;
}

/** "三年级（1）班" (the class name when it says the grade), "三年级 · 1班", or "三年级 · 未分班". */
export function classText(c: { grade: string; className: string | null }): string {
  const grade = gradeLabel(c.grade);
  if (!c.className) return `${grade} · 未分班`;
  return c.className.includes(grade) ? c.className : `${grade} · ${c.className}`;
}

/** "张子涵（三年级（1）班）": name, grade and class of each child. */
export function childrenGradeText(
  children: readonly { name: string; grade: string; className: string | null }[],
): string {
  return children.map((c) => `${c.name}（${classText(c)}）`).join('、');
}

export const FAMILY_VISIT_STATUS_LABELS = {
  NOT_BOOKED: '未预约',
  BOOKED: '已预约',
  COMPLETED: '已家访',
  NO_SHOW: '未遇到家庭',
  RESCHEDULED_BY_FAMILY: '待改期',
} as const;

/** Reasons a teacher can flag by hand (预警清单转介 is set by the checklist referral itself). */
export const PRIORITY_REASON_CHOICES = PRIORITY_REASONS.filter((r) => r !== 'CHECKLIST_REFERRAL').map((value) => ({
  value,
  label: PRIORITY_REASON_LABELS[value] as string,
}));

export const STAFF_ROLE_LABELS = { TEACHER: '教师', COUNSELOR: '心理健康教师' } as const;
