// Hand-written SQL of the semester ledger (台账), one named function per statement: five statements for the
// whole workbook, whatever the number of sessions, households or visits. Every statement takes the school or
// site and the semester's instants in China time (end exclusive).
import type { Db } from '../../db/create-db';
import { Prisma } from '../../generated/prisma/client';
import type { SessionKind } from '../../shared/sessions';
import type { SpecialGroup, VisitMode, VisitStatus } from '../../shared/visits';
import { knownInPeriodSql } from '../families/known-households';
import { heldSessionSql, visitDoneSql } from './happened.sql';

export interface LedgerFilter {
  unitId: string;
  from: Date;
  to: Date;
}

/** The instant in `column` (trusted SQL, never input) falls in the semester. */
function inSemester(column: string, f: LedgerFilter): Prisma.Sql {
  const c = Prisma.raw(column);
  return Prisma.sql`${c} >= ${f.from} AND ${c} < ${f.to}`;
}

/** A child of a household as the ledger names it; `here`: at this school or site (else named masked). */
export interface LedgerChild {
  name: string;
  grade: string;
  className: string | null;
  here: boolean;
}

/**
 * The household's children as a JSON array (oldest record first), leaving out those who had left before the
 * semester began. `family` is an SQL expression for the family's id.
 */
function childrenJson(family: Prisma.Sql, f: LedgerFilter): Prisma.Sql {
  return Prisma.sql`(
    SELECT json_agg(json_build_object('name', ch.name, 'grade', ch.grade, 'className', ch."className",
                                      'here', ch."schoolId" = ${f.unitId}) ORDER BY ch."createdAt", ch.id)
      FROM "Child" ch
     WHERE ch."familyId" = ${family} AND (ch."leftAt" IS NULL OR ch."leftAt" >= ${f.from}))`;
}

export interface LedgerSessionRow {
  id: string;
  startsAt: Date;
  title: string;
  kind: SessionKind;
  speaker: string | null;
  description: string | null;
  mentalHealth: boolean;
  mode: 'OFFLINE' | 'ONLINE';
  venue: string | null;
  /** Published and begun (happened.sql.ts); drafts and sessions still to come are planned. */
  held: boolean;
  confirmedCount: number;
  attendedCount: number;
}

/** The unit's sessions starting in the semester, cancelled ones left out. */
export function ledgerSessions(db: Db, f: LedgerFilter) {
  return db.$queryRaw<LedgerSessionRow[]>`
    SELECT s.id, s."startsAt", s.title, s.kind::text AS kind, s.speaker, s.description, s."mentalHealth",
           s.mode::text AS mode, s.venue, (${heldSessionSql('s')}) AS held, s."confirmedCount", s."attendedCount"
      FROM "Session" s
     WHERE s."orgUnitId" = ${f.unitId} AND s.status <> 'CANCELLED' AND ${inSemester('s."startsAt"', f)}
     ORDER BY s."startsAt", s.id`;
}

export interface LedgerAttendanceRow {
  sessionId: string;
  familyId: string;
  method: 'QR' | 'ROLL_CALL' | 'PAPER';
  at: Date;
  /** A household of the unit itself (counted in its participation rate; others are listed, not counted). */
  own: boolean;
  children: LedgerChild[] | null;
}

/** Every household present at a session of the unit held in the semester, with its children, in sign-in order. */
export function ledgerAttendance(db: Db, f: LedgerFilter) {
  return db.$queryRaw<LedgerAttendanceRow[]>`
    SELECT a."sessionId", a."familyId", a.method::text AS method, a.at,
           EXISTS (SELECT 1 FROM "Family" f WHERE f.id = a."familyId" AND f."orgUnitId" = s."orgUnitId") AS own,
           ${childrenJson(Prisma.sql`a."familyId"`, f)} AS children
      FROM "Attendance" a JOIN "Session" s ON s.id = a."sessionId"
     WHERE s."orgUnitId" = ${f.unitId} AND ${heldSessionSql('s')} AND ${inSemester('s."startsAt"', f)}
       AND a.present
     ORDER BY s."startsAt", s.id, a.at, a."familyId"`;
}

export interface LedgerVisitRow {
  id: string;
  mode: VisitMode;
  status: VisitStatus;
  /** Completed in a slot that has begun (happened.sql.ts). */
  done: boolean;
  startsAt: Date;
  endsAt: Date;
  teacherName: string | null;
  topics: string[];
  children: LedgerChild[] | null;
  followUps: { action: string; dueOn: string; done: boolean }[] | null;
}

/**
 * The visits of the unit's windows whose slot starts in the semester, every status (the summary counts the
 * booked and cancelled ones), with their follow-up actions. No summary, notes or address: those stay
 * encrypted and unread.
 */
export function ledgerVisits(db: Db, f: LedgerFilter) {
  return db.$queryRaw<LedgerVisitRow[]>`
    SELECT v.id, v.mode::text AS mode, v.status::text AS status, (${visitDoneSql('v', 'sl')}) AS done,
           sl."startsAt", sl."endsAt", u."displayName" AS "teacherName", v.topics,
           ${childrenJson(Prisma.sql`v."familyId"`, f)} AS children,
           (SELECT json_agg(json_build_object('action', fu.action, 'dueOn', fu."dueOn", 'done', fu."doneAt" IS NOT NULL)
                            ORDER BY fu."dueOn", fu."createdAt")
              FROM "VisitFollowUp" fu WHERE fu."visitId" = v.id) AS "followUps"
      FROM "Visit" v
      JOIN "VisitSlot" sl ON sl.id = v."slotId"
      JOIN "VisitWindow" w ON w.id = v."windowId"
      LEFT JOIN "User" u ON u.id = v."teacherId"
     WHERE w."orgUnitId" = ${f.unitId} AND ${inSemester('sl."startsAt"', f)}
     ORDER BY sl."startsAt", v.id`;
}

export interface LedgerSpecialRow {
  familyId: string;
  groups: SpecialGroup[];
  children: LedgerChild[] | null;
  /** The class teacher of the household's first child here (as visits.due names them). */
  classTeacherName: string | null;
  /** Slot starts of the household's home visits completed in the semester, and who made them. */
  visitedAt: Date[] | null;
  visitTeacherNames: string[] | null;
}

/**
 * The special-group households of the unit known in the semester (its own, or with a child here, as
 * visits.due counts them) and their home visits completed in the semester, at whichever window.
 */
export function ledgerSpecialGroups(db: Db, f: LedgerFilter) {
  return db.$queryRaw<LedgerSpecialRow[]>`
    SELECT fa.id AS "familyId", fa."specialGroups" AS groups, ${childrenJson(Prisma.sql`fa.id`, f)} AS children,
           ct."teacherName" AS "classTeacherName", vis."visitedAt", vis."visitTeacherNames"
      FROM "Family" fa
      LEFT JOIN LATERAL (
        SELECT u."displayName" AS "teacherName", true AS here
          FROM "Child" ch
          LEFT JOIN "ClassTeacher" t
                 ON t."orgUnitId" = ch."schoolId" AND t.grade = ch.grade AND t."className" = ch."className"
          LEFT JOIN "User" u ON u.id = t."teacherId"
         WHERE ch."familyId" = fa.id AND ch."schoolId" = ${f.unitId}
           AND (ch."leftAt" IS NULL OR ch."leftAt" >= ${f.from})
         ORDER BY ch."createdAt", ch.id LIMIT 1
      ) ct ON true
      LEFT JOIN LATERAL (
        SELECT array_agg(sl."startsAt" ORDER BY sl."startsAt") AS "visitedAt",
               array_agg(DISTINCT u."displayName") AS "visitTeacherNames"
          FROM "Visit" v JOIN "VisitSlot" sl ON sl.id = v."slotId" LEFT JOIN "User" u ON u.id = v."teacherId"
         WHERE v."familyId" = fa.id AND ${visitDoneSql('v', 'sl')} AND ${inSemester('sl."startsAt"', f)}
      ) vis ON true
     WHERE cardinality(fa."specialGroups") > 0 AND ${knownInPeriodSql('fa', f)}
       AND (fa."orgUnitId" = ${f.unitId} OR ct.here)
     ORDER BY fa."createdAt", fa.id`;
}

/** Households known at the unit in the semester: the denominator of the participation rate. */
export async function knownHouseholds(db: Db, f: LedgerFilter): Promise<number> {
  const [row] = await db.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM "Family" fa WHERE fa."orgUnitId" = ${f.unitId} AND ${knownInPeriodSql('fa', f)}`;
  return row.n;
}
