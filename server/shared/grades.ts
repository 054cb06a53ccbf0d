// Grade codes shared by client and server. K = 幼儿园, G1–G12 = 小学一年级 … 高三, U1–U4 = 大学.

export const GRADES = [
  { code: 'K1', label: '幼儿园小班', stage: 'KINDERGARTEN' },
  { code: 'K2', label: '幼儿园中班', stage: 'KINDERGARTEN' },
  { code: 'K3', label: '幼儿园大班', stage: 'KINDERGARTEN' },
  { code: 'G1', label: '一年级', stage: 'PRIMARY' },
  { code: 'G2', label: '二年级', stage: 'PRIMARY' },
  { code: 'G3', label: '三年级', stage: 'PRIMARY' },
  { code: 'G4', label: '四年级', stage: 'PRIMARY' },
  { code: 'G5', label: '五年级', stage: 'PRIMARY' },
  { code: 'G6', label: '六年级', stage: 'PRIMARY' },
  { code: 'G7', label: '初一', stage: 'JUNIOR' },
  { code: 'G8', label: '初二', stage: 'JUNIOR' },
  { code: 'G9', label: '初三', stage: 'JUNIOR' },
  { code: 'G10', label: '高一', stage: 'SENIOR' },
  { code: 'G11', label: '高二', stage: 'SENIOR' },
  { code: 'G12', label: '高三', stage: 'SENIOR' },
  { code: 'U1', label: '大一', stage: 'UNIVERSITY' },
  { code: 'U2', label: '大二', stage: 'UNIVERSITY' },
  { code: 'U3', label: '大三', stage: 'UNIVERSITY' },
  { code: 'U4', label: '大四', stage: 'UNIVERSITY' },
] as const;

export type GradeCode = (typeof GRADES)[number]['code'];
export type Stage = (typeof GRADES)[number]['stage'];

export const STAGE_LABELS: Record<Stage, string> = {
  KINDERGARTEN: '学前',
  PRIMARY: '小学',
  JUNIOR: '初中',
  SENIOR: '高中',
  UNIVERSITY: '大学',
};

const ALIASES: Record<string, GradeCode> = {
  七年级: 'G7',
  八年级: 'G8',
  九年级: 'G9',
  高中一年级: 'G10',
  高中二年级: 'G11',
  高中三年级: 'G12',
  小班: 'K1',
  中班: 'K2',
  大班: 'K3',
};

/**
 * Accepts a grade code ("G3"), a school year 1–12 (3 → "G3"), or a Chinese label ("三年级", "初一", "七年级").
 * Returns null when the value names no grade.
 */
export function normalizeGrade(value: unknown): GradeCode | null {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 12) {
    return `G${value}` as GradeCode;
  }
  if (typeof value !== 'string') return null;
  const v = value.trim();
  if (/^\d{1,2}$/.test(v)) return normalizeGrade(Number(v));
  const upper = v.toUpperCase();
  const byCode = GRADES.find((g) => g.code === upper);
  if (byCode) return byCode.code;
  const byLabel = GRADES.find((g) => g.label === v || `小学${g.label}` === v);
  if (byLabel) return byLabel.code;
  return ALIASES[v] ?? null;
}

/** Where a grade sorts (一年级 first); an unknown code last. */
export function gradeOrder(code: string | null | undefined): number {
  const i = GRADES.findIndex((g) => g.code === code);
  return i === -1 ? GRADES.length : i;
}

/** Classes in school order: by grade, then by class (三年级（2）班 before 三年级（10）班). */
export function byGradeAndClass(
  a: { grade: string | null; className: string | null },
  b: { grade: string | null; className: string | null },
): number {
  return (
    gradeOrder(a.grade) - gradeOrder(b.grade) ||
    (a.className ?? '').localeCompare(b.className ?? '', 'zh-CN', { numeric: true })
  );
}

export function gradeLabel(code: string): string {
  return GRADES.find((g) => g.code === code)?.label ?? code;
}

const CN_DIGITS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 1–99 from "3", "03", "三", "十二", "二十一". */
function classNumber(text: string): number | null {
  if (/^\d{1,2}$/.test(text)) return Number(text) || null;
  const m = /^([一二三四五六七八九])?(十)?([一二三四五六七八九])?$/.exec(text);
  if (!m || text === '') return null;
  const [, tens, ten, ones] = m;
  if (!ten) return tens && !ones ? CN_DIGITS[tens] : null;
  return (tens ? CN_DIGITS[tens] : 1) * 10 + (ones ? CN_DIGITS[ones] : 0);
}

/**
 * One spelling per class, so 三年级1班, 3年级（1）班, （1）班, 1班, 一班 and 1 are the same class of grade G3:
 * "三年级（1）班" (the grade's name and the class number in full-width brackets). A class with its own name
 * (火箭班) keeps it, without spaces. Full-width digits and brackets are read as ASCII ones.
 */
export function normalizeClassName(grade: string, value: string): string {
  const v = value
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/[()]/g, (c) => (c === '(' ? '（' : '）'));
  const label = gradeLabel(grade);
  const prefixes = [label, `小学${label}`, ...Object.entries(ALIASES).flatMap(([k, g]) => (g === grade ? [k] : []))];
  const code = grade.startsWith('G') ? Number(grade.slice(1)) : NaN;
  if (Number.isInteger(code)) prefixes.push(`${code}年级`);
  let rest = v;
  for (const p of prefixes.sort((a, b) => b.length - a.length))
    if (rest.startsWith(p)) {
      rest = rest.slice(p.length);
      break;
    }
  const m = /^（?([0-9]{1,2}|[一二三四五六七八九十]{1,3})）?(班)?$/.exec(rest);
  const n = m ? classNumber(m[1]) : null;
  return n ? `${label}（${n}）班` : v;
}
