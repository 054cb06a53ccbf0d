// Reading the spreadsheets schools already have (units, staff, rosters, sign-in sheets): the first sheet,
// streamed with exceljs, as rows of text; and the header check every import shares.
import { Readable } from 'node:stream';
import type ExcelJSModule from 'exceljs';
import { AppError } from '../../errors/app-error';

export interface RowError {
  row: number;
  message: string;
}

/** A cell as text: numbers (a code typed as a number), rich text and formulas' results included. */
export function text(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') {
    const v = value as { richText?: { text: string }[]; result?: unknown; text?: string };
    if (v.richText)
      return v.richText
        .map((r) => r.text)
        .join('')
        .trim();
    if ('result' in v) return text(v.result);
    if (typeof v.text === 'string') return v.text.trim();
  }
  return String(value).trim();
}

/** The first sheet's rows as arrays of text, read as a stream (exceljs' streaming reader). */
export async function readFirstSheet(fileBase64: string, maxRows: number): Promise<{ row: number; cells: string[] }[]> {
  const ExcelJS: typeof ExcelJSModule = (await import('exceljs')).default;
  const buffer = Buffer.from(fileBase64, 'base64');
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(buffer), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
  });
  const rows: { row: number; cells: string[] }[] = [];
  try {
    for await (const sheet of reader) {
      for await (const r of sheet as AsyncIterable<ExcelJSModule.Row>) {
        const values = (r.values as unknown[]).slice(1).map(text);
        if (values.every((v) => v === '')) continue;
        rows.push({ row: r.number, cells: values });
        if (rows.length > maxRows + 1) throw new AppError('BAD_REQUEST', `文件超过 ${maxRows} 行，请分成几个文件导入`);
      }
      break; // the first sheet only
    }
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('BAD_REQUEST', '无法读取这个文件，请上传 Excel（.xlsx）文件');
  }
  return rows;
}

/**
 * Where each column is in the header row (-1: absent), or the errors for the required ones that are missing.
 * `columns` lists every column in the template's order (for the message).
 */
export function headerColumns<C extends string>(
  header: { row: number; cells: string[] },
  columns: readonly C[],
  required: readonly C[],
): { at: Record<C, number>; errors: RowError[] } {
  const cells = header.cells.map((c) => c.replace(/\s+/g, ''));
  const at = Object.fromEntries(columns.map((c) => [c, cells.indexOf(c)])) as Record<C, number>;
  const errors = required
    .filter((c) => at[c] < 0)
    .map((c) => ({ row: header.row, message: `缺少“${c}”列（表头应为：${columns.join('、')}）` }));
  return { at, errors };
}

/** Errors sorted by row, as the answer lists them. */
export const byRow = (errors: RowError[]) => errors.sort((a, b) => a.row - b.row);
