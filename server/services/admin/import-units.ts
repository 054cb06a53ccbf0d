import type ExcelJSModule from 'exceljs';
import type { Db } from '../../db/create-db';
import type { Actor } from '../../auth/auth-user';
import { AppError } from '../../errors/app-error';
import { SITE_TYPE_LABELS, unitCodeProblem, type SiteType } from '../../shared/admin';
import type { ScopedUnit } from '../../trpc/procedures';
import { recordImport } from '../imports/record-import';
import { insertUnit } from './org-units';
import { byRow, headerColumns, readFirstSheet, type RowError } from '../imports/sheet';

/** The header row of a units file, in this order (the template says so too). */
export const UNIT_COLUMNS = ['名称', '类型', '代码'] as const;
/** A county has hundreds of schools and sites, not tens of thousands. */
export const MAX_UNIT_ROWS = 5000;

type Kind = { kind: 'SCHOOL' } | { kind: 'COMMUNITY_SITE'; siteType: SiteType };

/** 类型 as written in the file: 学校, or one of the kinds of community site. */
const TYPES: Record<string, Kind> = {
  学校: { kind: 'SCHOOL' },
  ...Object.fromEntries(
    (Object.entries(SITE_TYPE_LABELS) as [SiteType, string][]).map(([siteType, label]) => [
      label,
      { kind: 'COMMUNITY_SITE', siteType } as Kind,
    ]),
  ),
};

interface UnitRow {
  row: number;
  name: string;
  type: Kind;
  code: string | null;
}

/** Checks every row; returns the rows, or the errors (row numbers as Excel shows them). */
function parseUnits(rows: { row: number; cells: string[] }[]): { units: UnitRow[]; errors: RowError[] } {
  const errors: RowError[] = [];
  if (rows.length === 0)
    return { units: [], errors: [{ row: 1, message: '文件是空的：第一行应为表头 名称、类型、代码' }] };
  const { at, errors: missing } = headerColumns(rows[0], UNIT_COLUMNS, ['名称', '类型']);
  if (missing.length > 0) return { units: [], errors: missing };
  const units: UnitRow[] = [];
  const names = new Map<string, number>();
  const codes = new Map<string, number>();
  for (const { row, cells } of rows.slice(1)) {
    const name = cells[at['名称']] ?? '';
    const typeText = cells[at['类型']] ?? '';
    const code = at['代码'] >= 0 ? cells[at['代码']] || null : null;
    const before = errors.length;
    if (!name) errors.push({ row, message: '名称不能为空' });
    else if (name.length > 60) errors.push({ row, message: '名称不能超过 60 个字' });
    const type = TYPES[typeText];
    if (!type)
      errors.push({
        row,
        message: typeText ? `类型“${typeText}”无法识别，应为：${Object.keys(TYPES).join('、')}` : '类型不能为空',
      });
    const codeProblem = code === null ? null : unitCodeProblem(type?.kind ?? 'COMMUNITY_SITE', code);
    if (codeProblem) errors.push({ row, message: codeProblem });
    if (name && names.has(name)) errors.push({ row, message: `与第 ${names.get(name)} 行重名` });
    if (code && codes.has(code)) errors.push({ row, message: `代码与第 ${codes.get(code)} 行相同` });
    if (name) names.set(name, names.get(name) ?? row);
    if (code) codes.set(code, codes.get(code) ?? row);
    if (errors.length === before && type) units.push({ row, name, type, code });
  }
  if (units.length === 0 && errors.length === 0) errors.push({ row: rows[0].row, message: '表头下面没有任何单位' });
  return { units, errors };
}

/**
 * The contract's orgUnits.importXlsx: the schools and sites of a county from its spreadsheet. All or
 * nothing: with any error nothing is written and the answer lists every row's problems. A unit already
 * there (the same code, else the same name under this county) is updated, never duplicated, so importing
 * the same file again changes nothing. Every import is kept in the history (who, when, how many rows).
 */
export async function importUnits(opts: { db: Db; actor: Actor; unit: ScopedUnit; input: { fileBase64: string } }) {
  const { db, actor, unit: county } = opts;
  if (county.kind !== 'COUNTY') throw new AppError('BAD_REQUEST', '学校和站点只能导入到县（市、区）下');
  const { units, errors } = parseUnits(await readFirstSheet(opts.input.fileBase64, MAX_UNIT_ROWS));
  const existing = await db.orgUnit.findMany({
    where: { OR: [{ parentId: county.id }, { code: { in: units.flatMap((u) => (u.code ? [u.code] : [])) } }] },
    select: { id: true, name: true, code: true, kind: true, siteType: true, parentId: true },
  });
  for (const u of units) {
    const holder = u.code ? existing.find((e) => e.code === u.code) : undefined;
    if (holder && holder.parentId !== county.id)
      errors.push({ row: u.row, message: `代码 ${u.code} 已被其他地区的单位使用` });
  }
  if (errors.length > 0) return { created: 0, updated: 0, errors: byRow(errors) };

  return db.$transaction(
    async (tx) => {
      let created = 0;
      let updated = 0;
      for (const u of units) {
        const match =
          (u.code ? existing.find((e) => e.code === u.code) : undefined) ??
          existing.find((e) => e.parentId === county.id && e.name === u.name && (e.code === null || !u.code));
        const siteType = u.type.kind === 'COMMUNITY_SITE' ? u.type.siteType : null;
        if (match) {
          if (
            match.name === u.name &&
            match.kind === u.type.kind &&
            match.siteType === siteType &&
            (u.code === null || match.code === u.code)
          )
            continue;
          await tx.orgUnit.update({
            where: { id: match.id },
            data: { name: u.name, kind: u.type.kind, siteType, ...(u.code ? { code: u.code } : {}) },
            select: { id: true },
          });
          updated += 1;
          continue;
        }
        await insertUnit(tx, county, { name: u.name, kind: u.type.kind, code: u.code, siteType });
        created += 1;
      }
      await recordImport(
        tx,
        { kind: 'UNITS', orgUnitId: county.id, actorUserId: actor.id, rows: units.length, created, updated },
        {
          action: 'orgUnit.import',
          targetType: 'OrgUnit',
          targetId: county.id,
          detail: { rows: units.length, created, updated },
        },
      );
      return { created, updated, errors: [] as RowError[] };
    },
    { timeout: 60_000 },
  );
}

/** The template to fill in: the exact header row and one example of each type. */
export async function unitsTemplate() {
  const ExcelJS: typeof ExcelJSModule = (await import('exceljs')).default;
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('单位');
  ws.columns = [{ width: 32 }, { width: 22 }, { width: 16 }];
  ws.addRow([...UNIT_COLUMNS]).font = { bold: true };
  ws.addRow(['（示例）第一实验小学', '学校', '1123456789']);
  ws.addRow(['（示例）和平社区家长学校', '社区家长学校', '']);
  const notes = wb.addWorksheet('填写说明');
  notes.columns = [{ width: 100 }];
  for (const line of [
    '第一张工作表的第一行是表头：名称、类型、代码（代码可以不填）。导入前请删除示例行。',
    `类型填写：${Object.keys(TYPES).join('、')}。`,
    '学校的代码填 10 位学校标识码；站点有登记编号时填写。',
    '同一个文件再次导入不会重复建立单位：代码相同（或没有代码时名称相同）的单位会被更新。',
    '任何一行有错误时，整个文件都不会导入，并逐行列出错误。',
  ])
    notes.addRow([line]);
  return { fileName: '学校与站点导入模板.xlsx', base64: Buffer.from(await wb.xlsx.writeBuffer()).toString('base64') };
}

/** The latest imports into a unit, newest first. */
export async function importHistory(opts: { db: Db; unit: { id: string } }) {
  const runs = await opts.db.importRun.findMany({
    where: { orgUnitId: opts.unit.id },
    select: {
      id: true,
      kind: true,
      rows: true,
      created: true,
      updated: true,
      createdAt: true,
      actor: { select: { displayName: true } },
    },
    orderBy: { createdAt: 'desc' },
    take: 50,
  });
  return runs.map((r) => ({
    id: r.id,
    kind: r.kind,
    actorName: r.actor?.displayName ?? null,
    rows: r.rows,
    created: r.created,
    updated: r.updated,
    createdAt: r.createdAt.toISOString(),
  }));
}
