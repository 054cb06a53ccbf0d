import type { Db } from '../../db/create-db';
import type { StaffActor } from '../../auth/auth-user';
import { ROLE_LABELS, type Role } from '../../shared/enums';
import { GRADES, gradeLabel, normalizeClassName, normalizeGrade } from '../../shared/grades';
import { covers } from '../../shared/org-tree';
import type { ScopedUnit } from '../../trpc/procedures';
import { recordImport } from '../imports/record-import';
import { hashPassword } from '../auth/password';
import { byRow, headerColumns, readFirstSheet, type RowError } from '../imports/sheet';
import { initialPassword, mayManage } from './staff';

/** The header row of a staff file, in the template's order; the first three are required. */
export const STAFF_COLUMNS = ['姓名', '用户名', '角色', '学校标识码', '班主任班级'] as const;
const MAX_STAFF_ROWS = 2000;

/** 角色 as written in the file (the labels, and the words schools use). */
const ROLE_WORDS: Record<string, Role> = {
  ...Object.fromEntries((Object.entries(ROLE_LABELS) as [Role, string][]).map(([role, label]) => [label, role])),
  心理辅导老师: 'COUNSELOR',
  心理教师: 'COUNSELOR',
  班主任: 'TEACHER',
  家长学校负责人: 'COORDINATOR',
};

/** "三年级（1）班" or "三年级1班" → its grade and the class's one spelling; null when no grade is named. */
export function parseClassLabel(text: string): { grade: string; className: string } | null {
  const v = text.normalize('NFKC').replace(/\s+/g, '');
  const labels = [
    ...GRADES.map((g) => [g.label, g.code] as const),
    ...['七年级', '八年级', '九年级'].map((l, i) => [l, `G${7 + i}`] as const),
  ].sort((a, b) => b[0].length - a[0].length);
  const hit = labels.find(([label]) => v.startsWith(label));
  const grade = hit ? hit[1] : normalizeGrade(/^G\d{1,2}/i.exec(v)?.[0] ?? '');
  if (!grade) return null;
  const className = normalizeClassName(grade, v);
  return className.startsWith(gradeLabel(grade)) ? { grade, className } : null;
}

interface StaffRow {
  row: number;
  displayName: string;
  username: string;
  role: Role;
  unitCode: string | null;
  classes: { grade: string; className: string }[];
}

function parseStaff(rows: { row: number; cells: string[] }[]): { staff: StaffRow[]; errors: RowError[] } {
  if (rows.length === 0)
    return { staff: [], errors: [{ row: 1, message: `文件是空的：第一行应为表头 ${STAFF_COLUMNS.join('、')}` }] };
  const { at, errors } = headerColumns(rows[0], STAFF_COLUMNS, ['姓名', '用户名', '角色']);
  if (errors.length > 0) return { staff: [], errors };
  const cell = (cells: string[], c: (typeof STAFF_COLUMNS)[number]) => (at[c] >= 0 ? (cells[at[c]] ?? '') : '');
  const staff: StaffRow[] = [];
  const usernames = new Map<string, number>();
  for (const { row, cells } of rows.slice(1)) {
    const before = errors.length;
    const displayName = cell(cells, '姓名').replace(/\s+/g, '');
    const username = cell(cells, '用户名');
    const roleText = cell(cells, '角色');
    const role = ROLE_WORDS[roleText];
    if (!displayName) errors.push({ row, message: '姓名不能为空' });
    else if (displayName.length > 40) errors.push({ row, message: '姓名不能超过 40 个字' });
    if (!username) errors.push({ row, message: '用户名不能为空' });
    else if (!/^[A-Za-z0-9._-]{3,64}$/.test(username))
      errors.push({ row, message: `用户名“${username}”只能包含字母、数字、点、下划线和连字符，3 到 64 个字符` });
    else if (usernames.has(username)) errors.push({ row, message: `用户名与第 ${usernames.get(username)} 行相同` });
    else usernames.set(username, row);
    if (!role)
      errors.push({
        row,
        message: roleText ? `角色“${roleText}”无法识别，应为：${Object.keys(ROLE_WORDS).join('、')}` : '角色不能为空',
      });
    const classes: StaffRow['classes'] = [];
    for (const label of cell(cells, '班主任班级')
      .split(/[、，,;；]/)
      .filter(Boolean)) {
      const parsed = parseClassLabel(label);
      if (!parsed) errors.push({ row, message: `班主任班级“${label}”请写成“三年级（1）班”的样子` });
      else classes.push(parsed);
    }
    if (classes.length > 0 && role && !['TEACHER', 'COUNSELOR', 'COORDINATOR'].includes(role))
      errors.push({ row, message: '只有学校的教师可以担任班主任' });
    if (errors.length === before && role)
      staff.push({ row, displayName, username, role, unitCode: cell(cells, '学校标识码') || null, classes });
  }
  if (staff.length === 0 && errors.length === 0) errors.push({ row: rows[0].row, message: '表头下面没有任何人员' });
  return { staff, errors };
}

/**
 * The staff of a school (or, for an ADMIN, of every school of a county: each row names its 学校标识码) from a
 * spreadsheet: 姓名, 用户名, 角色, 学校标识码, 班主任班级. New accounts get an initial password, returned once in the
 * answer, which they must change at first login; an account already there (the same username, one the caller
 * manages) gains the role if it lacks it, so the same file again changes nothing. Class teachers are set from
 * 班主任班级, so home visits are assigned from the roster. All or nothing, every row's problem listed; audited.
 */
export async function importStaff(opts: {
  db: Db;
  actor: StaffActor;
  unit: ScopedUnit;
  input: { fileBase64: string };
}) {
  const { db, actor, unit } = opts;
  const empty = {
    created: 0,
    updated: 0,
    accounts: [] as { username: string; displayName: string; initialPassword: string }[],
  };
  const { staff, errors } = parseStaff(await readFirstSheet(opts.input.fileBase64, MAX_STAFF_ROWS));
  // Rows that read well are checked against the tree and the accounts too, so one answer lists every problem.

  const codes = [...new Set(staff.flatMap((s) => (s.unitCode ? [s.unitCode] : [])))];
  const units = await db.orgUnit.findMany({
    where: { code: { in: codes } },
    select: { id: true, path: true, kind: true, name: true, code: true, closedAt: true },
  });
  const existing = await db.user.findMany({
    where: { username: { in: staff.map((s) => s.username) } },
    select: {
      id: true,
      username: true,
      displayName: true,
      roles: { select: { role: true, orgUnitId: true, orgUnit: { select: { id: true, path: true, kind: true } } } },
    },
  });
  const planned = staff.map((s) => {
    const target = s.unitCode ? units.find((u) => u.code === s.unitCode) : unit;
    const user = existing.find((u) => u.username === s.username);
    return { ...s, target, user };
  });
  for (const p of planned) {
    if (!p.target) errors.push({ row: p.row, message: `学校标识码 ${p.unitCode} 找不到对应的学校` });
    else if (!covers(unit.path, p.target.path))
      errors.push({ row: p.row, message: `${p.target.name}不在${unit.name}的范围内，不能在这里导入` });
    else if (p.target.closedAt) errors.push({ row: p.row, message: `${p.target.name}已关闭` });
    else if (!mayManage(actor, p.role, p.target))
      errors.push({ row: p.row, message: `您不能在${p.target.name}开设“${ROLE_LABELS[p.role]}”账号` });
    else if (p.classes.length > 0 && p.target.kind !== 'SCHOOL')
      errors.push({ row: p.row, message: '班主任班级只能填写在学校的人员上' });
    if (p.user && !p.user.roles.every((g) => mayManage(actor, g.role, g.orgUnit)))
      errors.push({ row: p.row, message: `用户名 ${p.username} 已被其他单位的账号使用，请换一个` });
    else if (p.user && p.user.roles.length === 0)
      errors.push({ row: p.row, message: `用户名 ${p.username} 已被使用，请换一个` });
  }
  if (errors.length > 0) return { ...empty, errors: byRow(errors) };

  const fresh = planned.filter((p) => !p.user);
  // Hashed before the transaction (scrypt takes tens of milliseconds each), a few at a time.
  const passwords = fresh.map(() => initialPassword());
  const hashes: string[] = [];
  for (let i = 0; i < passwords.length; i += 4)
    hashes.push(...(await Promise.all(passwords.slice(i, i + 4).map((pw) => hashPassword(pw)))));

  return db.$transaction(
    async (tx) => {
      let created = 0;
      let updated = 0;
      const accounts: { username: string; displayName: string; initialPassword: string }[] = [];
      for (const p of planned) {
        const target = p.target!;
        let userId: string;
        if (p.user) {
          userId = p.user.id;
          let changed = false;
          if (!p.user.roles.some((g) => g.role === p.role && g.orgUnitId === target.id)) {
            await tx.roleAssignment.create({
              data: { userId, role: p.role, orgUnitId: target.id },
              select: { id: true },
            });
            changed = true;
          }
          if (p.user.displayName !== p.displayName) {
            await tx.user.update({ where: { id: userId }, data: { displayName: p.displayName }, select: { id: true } });
            changed = true;
          }
          if (changed) updated += 1;
        } else {
          const i = fresh.indexOf(p);
          const user = await tx.user.create({
            data: {
              username: p.username,
              displayName: p.displayName,
              passwordHash: hashes[i],
              mustChangePassword: true,
              roles: { create: { role: p.role, orgUnitId: target.id } },
            },
            select: { id: true },
          });
          userId = user.id;
          created += 1;
          accounts.push({ username: p.username, displayName: p.displayName, initialPassword: passwords[i] });
        }
        for (const c of p.classes)
          await tx.classTeacher.upsert({
            where: { orgUnitId_grade_className: { orgUnitId: target.id, grade: c.grade, className: c.className } },
            create: { orgUnitId: target.id, grade: c.grade, className: c.className, teacherId: userId },
            update: { teacherId: userId },
            select: { id: true },
          });
      }
      await recordImport(
        tx,
        { kind: 'STAFF', orgUnitId: unit.id, actorUserId: actor.id, rows: planned.length, created, updated },
        {
          action: 'staff.import',
          targetType: 'OrgUnit',
          targetId: unit.id,
          detail: { rows: planned.length, created, updated },
        },
      );
      return { created, updated, accounts, errors: [] as RowError[] };
    },
    { timeout: 60_000 },
  );
}

/** The staff template: the exact header row and an example of each kind of account. */
export async function staffTemplate() {
  const ExcelJS = (await import('exceljs')).default;
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('教职工');
  ws.columns = [12, 18, 16, 14, 24].map((width) => ({ width }));
  ws.addRow([...STAFF_COLUMNS]).font = { bold: true };
  ws.addRow(['（示例）刘老师', 'liu.teacher', '教师', '', '三年级（1）班、三年级（2）班']);
  ws.addRow(['（示例）陈老师', 'chen.xinli', '心理健康教师', '', '']);
  const notes = wb.addWorksheet('填写说明');
  notes.columns = [{ width: 110 }];
  for (const line of [
    `第一张工作表的第一行是表头：${STAFF_COLUMNS.join('、')}。前三列必填。导入前请删除示例行。`,
    `角色填写：${Object.keys(ROLE_WORDS).join('、')}。学校的家长学校负责人可以导入本校的教师和心理健康教师。`,
    '学校标识码：县级管理员一次导入多所学校的人员时填写（10 位）；只导入本校人员时不填。',
    '班主任班级：担任班主任的班级，多个以顿号分隔；寒暑假家访按班主任自动分配。',
    '新账号的初始密码在导入结果中显示一次，请当面交给本人；首次登录须修改密码。',
    '同一个文件再次导入不会重复开设账号。任何一行有错误时，整个文件都不会导入，并逐行列出错误。',
  ])
    notes.addRow([line]);
  return { fileName: '教职工导入模板.xlsx', base64: Buffer.from(await wb.xlsx.writeBuffer()).toString('base64') };
}
