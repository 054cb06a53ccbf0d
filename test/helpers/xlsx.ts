/** Spreadsheets as a desk clerk would fill them in: rows of cells, first sheet first, as base64. */
import ExcelJS from 'exceljs';

export async function xlsxBase64(rows: (string | number | null)[][], sheetName = 'Sheet1'): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheetName);
  for (const row of rows) ws.addRow(row);
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

/** The rows of the first sheet of a base64 workbook, as text. */
export async function xlsxRows(base64: string): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Uint8Array.from(Buffer.from(base64, 'base64')).buffer);
  const out: string[][] = [];
  wb.worksheets[0].eachRow((r) => out.push((r.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
  return out;
}
