// Reminders to class teachers at the moments the policy names for special-group students (教育部《十条措施》:
// the start of term, exam weeks, before the holidays): each class teacher with special-group households in
// their classes gets one subscribe message per moment and year (the dedupe key decides, whichever process
// runs the job). The message names no child: only the moment and how many households, which the teacher sees
// anyway in 本学期待家访.
import type { Db } from '../../db/create-db';
import { addDays, chinaDay, chinaInstant } from '../../shared/china-time';
import { thing } from '../notifications/templates';

/** The moments, as data: first day (China calendar, month and day) and how many days the reminder runs. */
export const CARE_MOMENTS = [
  { key: 'AUTUMN_TERM_START', month: 9, day: 1, days: 14, label: '秋季开学' },
  { key: 'AUTUMN_MIDTERM', month: 11, day: 1, days: 14, label: '期中考试' },
  { key: 'WINTER_BREAK', month: 1, day: 5, days: 14, label: '期末考试与寒假前' },
  { key: 'SPRING_TERM_START', month: 2, day: 20, days: 14, label: '春季开学' },
  { key: 'SPRING_MIDTERM', month: 4, day: 15, days: 14, label: '期中考试' },
  { key: 'SUMMER_BREAK', month: 6, day: 25, days: 14, label: '期末考试与暑假前' },
] as const;

/** The moment under way on `now`'s China day, if any. */
export function careMomentAt(now: Date) {
  const today = chinaDay(now);
  const year = Number(today.slice(0, 4));
  for (const m of CARE_MOMENTS) {
    const from = chinaInstant(`${year}-${String(m.month).padStart(2, '0')}-${String(m.day).padStart(2, '0')}`);
    const to = addDays(from, m.days);
    if (now >= from && now < to) return { ...m, year };
  }
  return null;
}

/** Queues the reminders of the moment under way (none outside the moments). Returns how many were new. */
export async function remindClassTeachers(db: Db, now = new Date()): Promise<number> {
  const moment = careMomentAt(now);
  if (!moment) return 0;
  const teachers = await db.$queryRaw<{ teacherId: string; households: number }[]>`
    SELECT ct."teacherId", count(DISTINCT f.id)::int AS households
      FROM "ClassTeacher" ct
      JOIN "Child" ch ON ch."schoolId" = ct."orgUnitId" AND ch.grade = ct.grade AND ch."className" = ct."className"
                     AND ch."leftAt" IS NULL
      JOIN "Family" f ON f.id = ch."familyId" AND cardinality(f."specialGroups") > 0
      JOIN "User" u ON u.id = ct."teacherId" AND NOT u.disabled
     GROUP BY ct."teacherId"`;
  if (teachers.length === 0) return 0;
  const { count } = await db.notification.createMany({
    data: teachers.map((t) => ({
      userId: t.teacherId,
      templateKey: 'VISIT_NOTICE',
      page: 'packageVisits/teacher/index',
      data: {
        thing1: thing(`${moment.label}：特殊群体学生关爱提醒`),
        thing2: thing(`本班 ${t.households} 户需要特别关注`),
        time3: { value: chinaDay(now) },
      },
      dueAt: now,
      dedupeKey: `care:${moment.key}:${moment.year}:${t.teacherId}`,
    })),
    skipDuplicates: true,
  });
  return count;
}
