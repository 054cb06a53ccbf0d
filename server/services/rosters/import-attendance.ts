import type { Db } from '../../db/create-db';
import type { Actor } from '../../auth/auth-user';
import { AppError } from '../../errors/app-error';
import { normalizeClassName, normalizeGrade } from '../../shared/grades';
import { SIGN_IN_COLUMNS } from '../../shared/rosters';
import { recordImport } from '../imports/record-import';
import { headerColumns, readFirstSheet } from '../imports/sheet';
import { assertAttendanceWindow } from '../sessions/check-in';
import { recordServices } from '../sessions/service-year';

/** A sign-in sheet of one session: a few hundred names, a large hall's a few thousand. */
export const MAX_SIGN_IN_ROWS = 5000;

/**
 * The contract's sessions.importAttendance: a session's signed paper sheet (年级, 班级, 学生姓名). Each row that
 * names a student on the roster of the session's school marks that household present, once however many of
 * its children or rows there are, and counts its guidance service like a QR check-in. Rows that name nobody
 * on the roster come back for correction. The same sheet again marks nothing new. One transaction.
 */
export async function importAttendance(opts: {
  db: Db;
  actor: Actor;
  input: { sessionId: string; fileBase64: string };
  now?: number;
}) {
  const { db, actor, input, now = Date.now() } = opts;
  const s = await db.guidanceSession.findUnique({
    where: { id: input.sessionId },
    select: { id: true, orgUnitId: true, status: true, startsAt: true, endsAt: true, mentalHealth: true },
  });
  if (!s) throw new AppError('NOT_FOUND', '活动不存在');
  if (s.status === 'CANCELLED') throw new AppError('CONFLICT', '该活动已取消');
  assertAttendanceWindow(s, now);
  const rows = await readFirstSheet(input.fileBase64, MAX_SIGN_IN_ROWS);
  if (rows.length === 0) throw new AppError('BAD_REQUEST', `文件是空的：第一行应为表头 ${SIGN_IN_COLUMNS.join('、')}`);
  const { at, errors } = headerColumns(rows[0], SIGN_IN_COLUMNS, SIGN_IN_COLUMNS);
  if (errors.length > 0) throw new AppError('BAD_REQUEST', errors.map((e) => e.message).join('；'));

  const lines = rows.slice(1).map(({ row, cells }) => {
    const grade = normalizeGrade(cells[at['年级']] ?? '');
    return {
      row,
      name: (cells[at['学生姓名']] ?? '').replace(/\s+/g, ''),
      grade: grade ?? '',
      className: grade ? normalizeClassName(grade, cells[at['班级']] ?? '') : '',
    };
  });
  // Each line against the roster of the session's school, in SQL (the index of enrolled students by class and name).
  const found = await db.$queryRaw<{ row: number; familyId: string | null }[]>`
    SELECT u.row, c."familyId"
      FROM unnest(${lines.map((l) => l.row)}::int[], ${lines.map((l) => l.grade)}::text[],
                  ${lines.map((l) => l.className)}::text[], ${lines.map((l) => l.name)}::text[]) AS u(row, grade, cls, name)
      LEFT JOIN "Child" c ON c."schoolId" = ${s.orgUnitId} AND c.grade = u.grade AND c."className" = u.cls
                         AND c.name = u.name AND c."enrolledAt" IS NOT NULL AND c."leftAt" IS NULL`;
  const familyOf = new Map(found.map((f) => [f.row, f.familyId]));
  const families = new Set(found.flatMap((f) => (f.familyId ? [f.familyId] : [])));
  const unmatched = lines.filter((l) => !familyOf.get(l.row)).map((l) => ({ row: l.row, name: l.name }));

  const marked = await db.$transaction(async (tx) => {
    const ids = [...families];
    const fresh =
      ids.length === 0
        ? []
        : await tx.$queryRaw<{ familyId: string }[]>`
            INSERT INTO "Attendance" (id, "sessionId", "familyId", present, method, "recordedById", at)
            SELECT gen_random_uuid()::text, ${s.id}, f, true, 'PAPER'::"AttendanceMethod", ${actor.id}, now()
              FROM unnest(${ids}::text[]) AS f
            ON CONFLICT ("sessionId", "familyId") DO UPDATE
               SET present = true, method = EXCLUDED.method, "recordedById" = EXCLUDED."recordedById", at = now()
             WHERE "Attendance".present = false
            RETURNING "familyId"`;
    const newly = fresh.map((r) => r.familyId);
    if (newly.length > 0) {
      await tx.$executeRaw`UPDATE "Session" SET "attendedCount" = "attendedCount" + ${newly.length} WHERE id = ${s.id}`;
      if (s.mentalHealth) await recordServices(tx, newly, s.startsAt);
    }
    await recordImport(
      tx,
      {
        kind: 'ATTENDANCE',
        orgUnitId: s.orgUnitId,
        actorUserId: actor.id,
        rows: rows.length - 1,
        created: newly.length,
        updated: 0,
      },
      {
        action: 'session.importAttendance',
        targetType: 'Session',
        targetId: s.id,
        detail: { rows: rows.length - 1, households: families.size, marked: newly.length, unmatched: unmatched.length },
      },
    );
    return newly.length;
  });
  return { marked, unmatched };
}
