// Times as people in Heilongjiang read them: China Standard Time (UTC+8, no daylight saving), in Chinese,
// whatever the device's own time zone is.
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import 'dayjs/locale/zh-cn';
import { CHINA_OFFSET_MS } from '@shared/china-time';

dayjs.extend(utc);
dayjs.locale('zh-cn');

const CHINA_OFFSET_MINUTES = CHINA_OFFSET_MS / 60_000;

export function chinaTime(iso: string | Date) {
  return dayjs(iso).utcOffset(CHINA_OFFSET_MINUTES);
}

/** 12月5日 周六 19:00–20:30 (the year only when it is not this year). */
export function formatTimeRange(startsAt: string, endsAt: string): string {
  const start = chinaTime(startsAt);
  const end = chinaTime(endsAt);
  const thisYear = chinaTime(new Date()).year();
  const day = start.format(start.year() === thisYear ? 'M月D日 dddd' : 'YYYY年M月D日 dddd');
  const endText = end.isSame(start, 'day') ? end.format('HH:mm') : end.format('M月D日 HH:mm');
  return `${day} ${start.format('HH:mm')}–${endText}`;
}

export function formatDateTime(iso: string): string {
  return chinaTime(iso).format('YYYY年M月D日 HH:mm');
}

/** What the staff form shows and accepts: "2026-12-05 19:00". */
export function toInputText(iso: string): string {
  return chinaTime(iso).format('YYYY-MM-DD HH:mm');
}

/**
 * "2026-12-05 19:00" (also 2026/12/5 9:00, or with a T) → "2026-12-05T19:00:00+08:00"; null when it is not a time.
 * The shared schemas then check it (带时区的时间).
 */
export function inputTextToIso(text: string): string | null {
  const m = /^\s*(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:\s+|T)(\d{1,2})[:：](\d{2})\s*$/.exec(text);
  if (!m) return null;
  const [, y, mo, d, h, mi] = m;
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59) return null;
  const pad = (n: number) => String(n).padStart(2, '0');
  const iso = `${y}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}:00+08:00`;
  // Rejects 2月30日 and the like.
  return chinaTime(iso).date() === day ? iso : null;
}
