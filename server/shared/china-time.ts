// China time (UTC+8, no daylight saving) for the whole project: the calendar year a service counts in,
// calendar days, semesters. Runs on both sides (mini program, web, server): no Node or Prisma imports.
// Every other file asks this module instead of adding eight hours by hand.

const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
/** China Standard Time is UTC+8 all year. */
export const CHINA_OFFSET_MS = 8 * 3600_000;

/** Calendar fields of an instant as a clock in China shows them. */
function chinaFields(at: Date) {
  const local = new Date(at.getTime() + CHINA_OFFSET_MS);
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
  };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Calendar year in China of an instant: the year a family's service counts in. */
export function chinaYear(at: Date): number {
  return chinaFields(at).year;
}

/** The calendar day in China of an instant, as `YYYY-MM-DD`. */
export function chinaDay(at: Date): string {
  const f = chinaFields(at);
  return `${f.year}-${pad(f.month)}-${pad(f.day)}`;
}

/** `YYYY-MM-DD HH:mm` in China (what a WeChat `time` field or a spreadsheet shows). */
export function chinaDateTimeText(at: Date): string {
  const f = chinaFields(at);
  return `${f.year}-${pad(f.month)}-${pad(f.day)} ${pad(f.hour)}:${pad(f.minute)}`;
}

/**
 * The instant a clock in China shows `time` (`HH:mm`, default midnight) on `day`. A `Date` day is read
 * as a stored calendar date (PostgreSQL `date` columns arrive as midnight UTC).
 */
export function chinaInstant(day: string | Date, time = '00:00'): Date {
  const iso = typeof day === 'string' ? day : day.toISOString().slice(0, 10);
  return new Date(`${iso}T${time}:00+08:00`);
}

/** Start of a calendar day in China as an instant. */
export function chinaDayStart(day: string | Date): Date {
  return chinaInstant(day);
}

/** Today's date in China as a `date` column stores it (midnight UTC of that calendar day). */
export function chinaToday(now = new Date()): Date {
  return new Date(`${chinaDay(now)}T00:00:00Z`);
}

/** `YYYY-MM-DD` of the China calendar day `days` after the one `at` falls on. */
export function chinaDayAfter(at: Date, days: number): string {
  return chinaDay(new Date(at.getTime() + days * DAY_MS));
}

/** The instants a calendar year in China starts and ends (end exclusive). */
export function yearBounds(year: number): { from: Date; to: Date } {
  return { from: chinaInstant(`${year}-01-01`), to: chinaInstant(`${year + 1}-01-01`) };
}

/**
 * The semester in progress at `at` (contract v2): the first semester of a school year runs from 1 September
 * to 31 January (`YYYY-09`), the second from 1 February to 31 August (`YYYY-02`).
 */
export function semesterBounds(at: Date): { from: Date; to: Date; label: string; key: string } {
  const { year: y, month: m } = chinaFields(at);
  if (m >= 2 && m <= 8) return semesterOfKey(`${y}-02`);
  return semesterOfKey(`${m === 1 ? y - 1 : y}-09`);
}

/** A semester by its key (`YYYY-09` or `YYYY-02`). */
export function semesterOfKey(key: string): { from: Date; to: Date; label: string; key: string } {
  const [y, part] = [Number(key.slice(0, 4)), key.slice(5)];
  if (part === '02')
    return { from: chinaInstant(`${y}-02-01`), to: chinaInstant(`${y}-09-01`), label: `${y}年春季学期`, key };
  return { from: chinaInstant(`${y}-09-01`), to: chinaInstant(`${y + 1}-02-01`), label: `${y}年秋季学期`, key };
}

/** An instant `hours` before or after another. */
export function addHours(at: Date, hours: number): Date {
  return new Date(at.getTime() + hours * HOUR_MS);
}

/** An instant `days` (of 24 hours) before or after another. */
export function addDays(at: Date, days: number): Date {
  return new Date(at.getTime() + days * DAY_MS);
}

/** The month before the one `now` falls in (China calendar), as "YYYY-MM", and its last instant (exclusive end). */
export function previousMonth(now: Date): { key: string; year: number; month: number; end: Date } {
  const [y, m] = chinaDay(now).split('-').map(Number);
  const [year, month] = m === 1 ? [y - 1, 12] : [y, m - 1];
  const key = `${year}-${String(month).padStart(2, '0')}`;
  return { key, year, month, end: chinaInstant(`${y}-${String(m).padStart(2, '0')}-01`) };
}
