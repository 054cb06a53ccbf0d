// Class rosters and paper sign-in sheets: their columns, the rules of a row, the inputs. Runs on both sides.
import { z } from 'zod';
import { xlsxFile } from './admin';
import { gradeSchema, idSchema } from './schemas';

/** The header row of a roster, in the template's order; the first three are required. */
export const ROSTER_COLUMNS = [
  '年级',
  '班级',
  '学生姓名',
  '家庭编号',
  '监护人姓名',
  '监护人关系',
  '监护人手机',
] as const;
export const ROSTER_REQUIRED = ['年级', '班级', '学生姓名'] as const;

/** The header row of a paper sign-in sheet. */
export const SIGN_IN_COLUMNS = ['年级', '班级', '学生姓名'] as const;

/** Why a student left the roster. */
export const LEFT_REASONS = ['TRANSFERRED', 'GRADUATED', 'LEFT'] as const;
export type LeftReason = (typeof LEFT_REASONS)[number];
export const LEFT_REASON_LABELS: Record<LeftReason, string> = {
  TRANSFERRED: '转学',
  GRADUATED: '毕业',
  LEFT: '离校（不在新名册上）',
};

/** A mainland mobile number, as typed (spaces, dashes and +86 allowed); null when it is not one. */
export function normalizeMobile(value: string): string | null {
  const digits = value.replace(/[\s-]/g, '').replace(/^(\+?86)/, '');
  return /^1[3-9]\d{9}$/.test(digits) ? digits : null;
}

/** 王小明 → 王**, 138****5678: what lists show of a rostered contact. */
export function maskContact(contact: { name: string; relation: string | null; phone: string }): string {
  const name = contact.name.slice(0, 1) + '*'.repeat(Math.max(1, contact.name.length - 1));
  const phone = `${contact.phone.slice(0, 3)}****${contact.phone.slice(7)}`;
  return `${name}${contact.relation ? `（${contact.relation}）` : ''} ${phone}`;
}

export const importRosterInput = z.object({
  schoolId: idSchema,
  fileBase64: xlsxFile,
  /**
   * The file is the whole school's roster: students of classes it does not list leave too (毕业 at the end of
   * a school year). Otherwise only the classes in the file are replaced.
   */
  wholeSchool: z.boolean().optional().default(false),
});

export const importAttendanceInput = z.object({ sessionId: idSchema, fileBase64: xlsxFile });

export const schoolInput = z.object({ schoolId: idSchema });

export const rosterClassInput = z.object({
  schoolId: idSchema,
  grade: gradeSchema,
  className: z.string({ error: '请选择班级' }).trim().min(1, { error: '请选择班级' }).max(32),
});

export const closeStudentInput = z.object({
  childId: idSchema,
  reason: z.enum(['TRANSFERRED', 'GRADUATED'], { error: '请选择离校原因（转学或毕业）' }),
});
