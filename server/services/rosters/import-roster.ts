import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/create-db';
import type { Actor } from '../../auth/auth-user';
import type { FieldCipher } from '../../crypto/field-cipher';
import { AppError } from '../../errors/app-error';
import { gradeLabel, normalizeClassName, normalizeGrade } from '../../shared/grades';
import { maskContact, normalizeMobile, ROSTER_COLUMNS, ROSTER_REQUIRED } from '../../shared/rosters';
import type { ScopedUnit } from '../../trpc/procedures';
import { recordImport } from '../imports/record-import';
import { byRow, headerColumns, readFirstSheet, type RowError } from '../imports/sheet';
import { refreshEnrolment } from './enrolment';
import { isUniqueViolation } from '../../db/database-errors';

/** The largest school has a few thousand students; a file is one school's. */
export const MAX_ROSTER_ROWS = 20_000;

interface Contact {
  name: string;
  relation: string | null;
  phone: string;
}

export interface RosterRow {
  row: number;
  grade: string;
  className: string;
  name: string;
  key: string | null;
  contact: Contact | null;
}

/** A class's identity within a school (grade and its one spelling of the class name), and a student's. */
export const classKey = (grade: string, className: string) => `${grade}|${className}`;
const studentKey = (grade: string, className: string, name: string) => `${grade}|${className}|${name}`;

/** Checks every row of a roster; returns the rows, or every row's errors. */
export function parseRoster(rows: { row: number; cells: string[] }[]): { students: RosterRow[]; errors: RowError[] } {
  if (rows.length === 0)
    return { students: [], errors: [{ row: 1, message: `文件是空的：第一行应为表头 ${ROSTER_COLUMNS.join('、')}` }] };
  const { at, errors } = headerColumns(rows[0], ROSTER_COLUMNS, ROSTER_REQUIRED);
  if (errors.length > 0) return { students: [], errors };
  const cell = (cells: string[], c: (typeof ROSTER_COLUMNS)[number]) => (at[c] >= 0 ? (cells[at[c]] ?? '') : '');
  const students: RosterRow[] = [];
  const seen = new Map<string, number>();
  const inHousehold = new Map<string, number>();
  for (const { row, cells } of rows.slice(1)) {
    const before = errors.length;
    const gradeText = cell(cells, '年级');
    const classText = cell(cells, '班级');
    const name = cell(cells, '学生姓名').replace(/\s+/g, '');
    const key = cell(cells, '家庭编号') || null;
    const grade = normalizeGrade(gradeText);
    if (!gradeText) errors.push({ row, message: '年级不能为空' });
    else if (!grade || grade.startsWith('U'))
      errors.push({ row, message: `年级“${gradeText}”无法识别，应为 一年级…六年级、初一…初三、高一…高三，或 G1…G12` });
    if (!classText) errors.push({ row, message: '班级不能为空' });
    if (!name) errors.push({ row, message: '学生姓名不能为空' });
    else if (name.length > 20) errors.push({ row, message: '学生姓名不能超过 20 个字' });
    if (key && key.length > 40) errors.push({ row, message: '家庭编号不能超过 40 个字符' });
    const className = grade && classText ? normalizeClassName(grade, classText) : '';
    if (className.length > 32) errors.push({ row, message: '班级名称不能超过 32 个字' });

    const guardianName = cell(cells, '监护人姓名').replace(/\s+/g, '');
    const relation = cell(cells, '监护人关系') || null;
    const phoneText = cell(cells, '监护人手机');
    let contact: Contact | null = null;
    if (guardianName || phoneText || relation) {
      const phone = normalizeMobile(phoneText);
      if (!phoneText) errors.push({ row, message: '填写了监护人时，请同时填写监护人手机' });
      else if (!phone) errors.push({ row, message: `监护人手机“${phoneText}”不是有效的 11 位手机号` });
      if (!guardianName) errors.push({ row, message: '填写了监护人手机时，请同时填写监护人姓名' });
      else if (guardianName.length > 20) errors.push({ row, message: '监护人姓名不能超过 20 个字' });
      if (relation && relation.length > 10) errors.push({ row, message: '监护人关系不能超过 10 个字' });
      if (phone && guardianName) contact = { name: guardianName, relation, phone };
    }

    if (grade && className && name) {
      const id = studentKey(grade, className, name);
      const first = seen.get(id);
      if (first !== undefined)
        errors.push({ row, message: `与第 ${first} 行是同一名学生（${gradeLabel(grade)}、${className}、${name}）` });
      else seen.set(id, row);
      if (key) {
        const sibling = inHousehold.get(`${key}|${name}`);
        if (sibling !== undefined && first === undefined)
          errors.push({ row, message: `家庭编号 ${key} 下第 ${sibling} 行已有同名学生 ${name}` });
        else inHousehold.set(`${key}|${name}`, row);
      }
    }
    if (errors.length === before && grade) students.push({ row, grade, className, name, key, contact });
  }
  if (students.length === 0 && errors.length === 0) errors.push({ row: rows[0].row, message: '表头下面没有任何学生' });
  return { students, errors };
}

interface KnownChild {
  id: string;
  familyId: string;
  grade: string;
  className: string;
  name: string;
  /** On the roster and not left. */
  active: boolean;
  enrolled: boolean;
  familyKey: string | null;
  familyRostered: boolean;
  familyDigest: string | null;
}

/** A household to insert or update: its 家庭编号 (when it gains one) and its contact (when it changed). */
export interface FamilyWrite {
  id: string;
  key: string | null;
  contact: Contact | null;
  digest: string | null;
}

/**
 * Decides, for every row, which household and which child it is, so that the same file again changes
 * nothing, siblings sharing a 家庭编号 are one household, a student promoted to another class stays the same
 * child, and a family that joined before the roster is found on it. Pure (no database): the writes follow.
 */
export function planRoster(
  students: RosterRow[],
  known: KnownChild[],
  keyedFamilies: Map<string, { id: string; digest: string | null }>,
  digestOf: (c: Contact) => string,
  scope: { wholeSchool: boolean },
) {
  const activeByStudent = new Map<string, KnownChild>();
  const byFamilyName = new Map<string, KnownChild>();
  const parentNamed = new Map<string, KnownChild[]>();
  for (const c of known) {
    if (c.active) activeByStudent.set(studentKey(c.grade, c.className, c.name), c);
    byFamilyName.set(`${c.familyId}|${c.name}`, c);
    if (!c.enrolled && !c.familyRostered) {
      const k = studentKey(c.grade, c.className, c.name);
      parentNamed.set(k, [...(parentNamed.get(k) ?? []), c]);
    }
  }
  const digests = new Map<string, string | null>(known.map((c) => [c.familyId, c.familyDigest]));
  for (const f of keyedFamilies.values()) digests.set(f.id, f.digest);
  const used = new Set<string>();
  /** An existing child this row is: by its household, else the enrolled student, else one a parent named. */
  const existingChild = (s: RosterRow, familyId: string | undefined): KnownChild | undefined => {
    const k = studentKey(s.grade, s.className, s.name);
    const candidates = [
      familyId ? byFamilyName.get(`${familyId}|${s.name}`) : undefined,
      activeByStudent.get(k),
      parentNamed.get(k)?.length === 1 ? parentNamed.get(k)![0] : undefined,
    ];
    return candidates.find(
      (c) =>
        c &&
        !used.has(c.id) &&
        (c.id === candidates[0]?.id || !s.key || c.familyKey === null || c.familyKey === s.key) &&
        (!familyId || c.familyId === familyId || c.familyKey === null),
    );
  };

  // Each 家庭编号's household: the one holding it, else the first existing household one of its rows is in.
  const households = new Map<string, string>();
  const newFamilies = new Map<string, FamilyWrite>();
  const familyUpdates = new Map<string, FamilyWrite>();
  for (const s of students) {
    if (!s.key || households.has(s.key)) continue;
    const holder = keyedFamilies.get(s.key);
    if (holder) households.set(s.key, holder.id);
  }
  const claimedHouseholds = new Set(households.values());
  for (const s of students) {
    if (!s.key || households.has(s.key)) continue;
    const child = existingChild(s, undefined);
    if (child && child.familyKey === null && !claimedHouseholds.has(child.familyId)) {
      households.set(s.key, child.familyId);
      claimedHouseholds.add(child.familyId);
      familyUpdates.set(child.familyId, { id: child.familyId, key: s.key, contact: null, digest: null });
    }
  }

  const childInserts: { id: string; familyId: string; name: string; grade: string; className: string }[] = [];
  const childUpdates: { id: string; familyId: string; grade: string; className: string }[] = [];
  const householdsInFile = new Set<string>();
  const contactGiven = new Set<string>();
  for (const s of students) {
    let familyId = s.key ? households.get(s.key) : undefined;
    const child = existingChild(s, familyId);
    if (!familyId) familyId = child?.familyId;
    if (!familyId) {
      familyId = randomUUID();
      newFamilies.set(familyId, { id: familyId, key: s.key, contact: null, digest: null });
      if (s.key) households.set(s.key, familyId);
    }
    householdsInFile.add(familyId);
    if (child) {
      used.add(child.id);
      if (!child.active || child.grade !== s.grade || child.className !== s.className || child.familyId !== familyId)
        childUpdates.push({ id: child.id, familyId, grade: s.grade, className: s.className });
    } else {
      childInserts.push({ id: randomUUID(), familyId, name: s.name, grade: s.grade, className: s.className });
    }
    if (s.contact && !contactGiven.has(familyId)) {
      // The household's first row with a contact gives it; one already stored stays unless it changed.
      contactGiven.add(familyId);
      const digest = digestOf(s.contact);
      const fresh = newFamilies.get(familyId);
      if (fresh) Object.assign(fresh, { digest, contact: s.contact });
      else if (digests.get(familyId) !== digest) {
        const u = familyUpdates.get(familyId) ?? { id: familyId, key: null, contact: null, digest: null };
        familyUpdates.set(familyId, Object.assign(u, { digest, contact: s.contact }));
      }
    }
  }

  const classes = new Set(students.map((s) => classKey(s.grade, s.className)));
  const closes = known
    .filter((c) => c.active && !used.has(c.id))
    .filter((c) => scope.wholeSchool || classes.has(classKey(c.grade, c.className)))
    .map((c) => c.id);
  return { newFamilies, familyUpdates, childInserts, childUpdates, closes, households: householdsInFile.size };
}

/**
 * The contract's rosters.importXlsx: a school's class rosters from its spreadsheet (年级, 班级, 学生姓名,
 * 家庭编号, and optionally one guardian). All or nothing: with any error nothing is written and every row's
 * problems come back. The same file again changes nothing. Students of the file's classes (of every class
 * with `wholeSchool`) who are not in it leave the roster; their households stay counted for the years in
 * which they were enrolled. A rostered mobile number is stored encrypted, with a masked copy for lists.
 */
export async function importRoster(opts: {
  db: Db;
  cipher: FieldCipher;
  actor: Actor;
  unit: ScopedUnit;
  input: { fileBase64: string; wholeSchool: boolean };
  now?: Date;
}) {
  const { db, cipher, actor, unit: school, input, now = new Date() } = opts;
  if (school.kind !== 'SCHOOL') throw new AppError('BAD_REQUEST', '班级名册只能导入到学校');
  if (school.closedAt) throw new AppError('CONFLICT', '该学校已关闭，不能再导入名册');
  const { students, errors } = parseRoster(await readFirstSheet(input.fileBase64, MAX_ROSTER_ROWS));
  if (errors.length > 0)
    return { households: 0, children: 0, created: 0, updated: 0, closed: 0, errors: byRow(errors) };

  const known = (
    await db.$queryRaw<(Omit<KnownChild, 'className'> & { className: string | null })[]>`
      SELECT c.id, c."familyId", c.grade, c."className", c.name,
             (c."enrolledAt" IS NOT NULL AND c."leftAt" IS NULL) AS active, c."enrolledAt" IS NOT NULL AS enrolled,
             f."householdKey" AS "familyKey", f."enrolledFrom" IS NOT NULL AS "familyRostered",
             f."contactDigest" AS "familyDigest"
        FROM "Child" c JOIN "Family" f ON f.id = c."familyId"
       WHERE c."schoolId" = ${school.id}`
  ).map((c) => ({
    ...c,
    className: c.enrolled ? (c.className ?? '') : normalizeClassName(c.grade, c.className ?? ''),
  }));
  const keyed = await db.family.findMany({
    where: { orgUnitId: school.id, householdKey: { not: null } },
    select: { id: true, householdKey: true, contactDigest: true },
  });
  const context = `roster-contact:${school.id}`;
  const plan = planRoster(
    students,
    known,
    new Map(keyed.map((f) => [f.householdKey!, { id: f.id, digest: f.contactDigest }])),
    (c) => cipher.digest(JSON.stringify(c), context),
    { wholeSchool: input.wholeSchool },
  );
  const sealed = (f: FamilyWrite) => ({
    id: f.id,
    key: f.key,
    enc: f.contact ? cipher.encryptJson(f.contact, `Family:${f.id}:contact`) : null,
    masked: f.contact ? maskContact(f.contact) : null,
    digest: f.digest,
  });
  const inserts = [...plan.newFamilies.values()].map(sealed);
  const updates = [...plan.familyUpdates.values()].map(sealed);
  const column = <K extends keyof ReturnType<typeof sealed>>(rows: ReturnType<typeof sealed>[], k: K) =>
    rows.map((r) => r[k]);
  const movedFrom = new Map(known.map((c) => [c.id, c.familyId]));
  const affected = [
    ...new Set([
      ...plan.childInserts.map((c) => c.familyId),
      ...plan.childUpdates.flatMap((c) => [c.familyId, movedFrom.get(c.id)!]),
      ...plan.closes.map((id) => movedFrom.get(id)!),
    ]),
  ];

  try {
    return await db.$transaction(
      async (tx) => {
        if (plan.closes.length > 0)
          await tx.$executeRaw`
            UPDATE "Child" SET "leftAt" = ${now}, "leftReason" = 'LEFT' WHERE id = ANY(${plan.closes}::text[])`;
        if (inserts.length > 0)
          await tx.$executeRaw`
            INSERT INTO "Family" (id, "orgUnitId", "createdAt", "knownFrom", "householdKey", "contactEnc", "contactMasked", "contactDigest")
            SELECT u.id, ${school.id}, ${now}, ${now}, u.key, u.enc, u.masked, u.digest
              FROM unnest(${column(inserts, 'id')}::text[], ${column(inserts, 'key')}::text[], ${column(inserts, 'enc')}::text[],
                          ${column(inserts, 'masked')}::text[], ${column(inserts, 'digest')}::text[]) AS u(id, key, enc, masked, digest)`;
        if (updates.length > 0)
          await tx.$executeRaw`
            UPDATE "Family" f
               SET "householdKey" = coalesce(u.key, f."householdKey"), "contactEnc" = coalesce(u.enc, f."contactEnc"),
                   "contactMasked" = coalesce(u.masked, f."contactMasked"), "contactDigest" = coalesce(u.digest, f."contactDigest")
              FROM unnest(${column(updates, 'id')}::text[], ${column(updates, 'key')}::text[], ${column(updates, 'enc')}::text[],
                          ${column(updates, 'masked')}::text[], ${column(updates, 'digest')}::text[]) AS u(id, key, enc, masked, digest)
             WHERE f.id = u.id`;
        const up = plan.childUpdates;
        if (up.length > 0) {
          await tx.$executeRaw`
            UPDATE "Child" c
               SET "familyId" = u.fam, grade = u.grade, "className" = u.cls,
                   "enrolledAt" = coalesce(c."enrolledAt", ${now}), "leftAt" = NULL, "leftReason" = NULL
              FROM unnest(${up.map((c) => c.id)}::text[], ${up.map((c) => c.familyId)}::text[],
                          ${up.map((c) => c.grade)}::text[], ${up.map((c) => c.className)}::text[]) AS u(id, fam, grade, cls)
             WHERE c.id = u.id`;
          // A child who moved to its siblings' household takes its checklist answers along.
          await tx.$executeRaw`
            UPDATE "ChecklistResponse" r SET "familyId" = c."familyId"
              FROM "Child" c WHERE r."childId" = c.id AND c.id = ANY(${up.map((c) => c.id)}::text[]) AND r."familyId" <> c."familyId"`;
        }
        const ins = plan.childInserts;
        if (ins.length > 0)
          await tx.$executeRaw`
            INSERT INTO "Child" (id, "familyId", name, "schoolId", grade, "className", "enrolledAt", "createdAt")
            SELECT u.id, u.fam, u.name, ${school.id}, u.grade, u.cls, ${now}, ${now}
              FROM unnest(${ins.map((c) => c.id)}::text[], ${ins.map((c) => c.familyId)}::text[], ${ins.map((c) => c.name)}::text[],
                          ${ins.map((c) => c.grade)}::text[], ${ins.map((c) => c.className)}::text[]) AS u(id, fam, name, grade, cls)`;
        await refreshEnrolment(tx, affected, now);
        const result = {
          households: plan.households,
          children: students.length,
          created: ins.length,
          updated: up.length + updates.length,
          closed: plan.closes.length,
        };
        await recordImport(
          tx,
          {
            kind: 'ROSTER',
            orgUnitId: school.id,
            actorUserId: actor.id,
            rows: students.length,
            created: result.created,
            updated: result.updated + result.closed,
          },
          {
            action: 'roster.import',
            targetType: 'OrgUnit',
            targetId: school.id,
            detail: { ...result, wholeSchool: input.wholeSchool },
          },
        );
        return { ...result, errors: [] as RowError[] };
      },
      { timeout: 120_000 },
    );
  } catch (err) {
    // A constraint only the database sees: two students of one name swapping classes.
    if (isUniqueViolation(err))
      throw new AppError(
        'CONFLICT',
        '名册中有同名学生与本校其他班级的在册学生冲突，请核对后再导入（可先办理转学或毕业）',
      );
    throw err;
  }
}

/** The roster template: the exact header row, examples of siblings and of a student without a guardian. */
export async function rosterTemplate() {
  const ExcelJS = (await import('exceljs')).default;
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('班级名册');
  ws.columns = [10, 14, 12, 14, 12, 12, 16].map((width) => ({ width }));
  ws.addRow([...ROSTER_COLUMNS]).font = { bold: true };
  ws.addRow(['三年级', '（1）班', '（示例）张小明', 'JT0001', '张丽', '母亲', '13800000000']);
  ws.addRow(['一年级', '（2）班', '（示例）张小红', 'JT0001', '', '', '']);
  ws.addRow(['三年级', '（1）班', '（示例）李想', '', '', '', '']);
  const notes = wb.addWorksheet('填写说明');
  notes.columns = [{ width: 110 }];
  for (const line of [
    `第一张工作表的第一行是表头：${ROSTER_COLUMNS.join('、')}。前三列必填，其余可以不填。导入前请删除示例行。`,
    '年级填写 一年级…六年级、初一…初三（或七年级…九年级）、高一…高三，也可以填 G1…G12。',
    '班级填写 1班、（1）班 或 三年级（1）班 均可，系统统一为“三年级（1）班”。',
    '家庭编号：兄弟姐妹填写同一个编号，即为一个家庭；建议使用学籍系统中的家庭或学生编号，升年级、换班后再导入仍是同一个家庭。',
    '监护人姓名、关系、手机：可选，只用于联系尚未加入平台的家庭，加密保存，页面上只显示部分号码。',
    '每次导入以文件中的班级为准：这些班级中不在新文件里的学生记为离校；家庭仍计入其在册的年度。',
    '同一个文件再次导入不会重复建立家庭或学生。任何一行有错误时，整个文件都不会导入，并逐行列出错误。',
  ])
    notes.addRow([line]);
  return { fileName: '班级名册导入模板.xlsx', base64: Buffer.from(await wb.xlsx.writeBuffer()).toString('base64') };
}
