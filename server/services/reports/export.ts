import type ExcelJSModule from 'exceljs';
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';
import 'dayjs/locale/zh-cn';
import type { Db } from '../../db/create-db';
import type { Actor } from '../../auth/auth-user';
import { ORG_UNIT_KIND_LABELS } from '../../shared/enums';
import { WITHHELD_TEXT } from '../../shared/privacy';
import { writeAudit } from '../audit/write-audit';
import {
  coverageByLevel,
  coverageReport,
  type CoverageRow,
  type ReportInput,
  type ReportUnit,
  type SiteKind,
} from './coverage';

type ExportOptions = { db: Db; actor: Actor; unit: ReportUnit; input: ReportInput };

/** Every export of figures leaves an audit row: who took which region's figures, in which format. */
function auditExport(opts: ExportOptions, format: 'xlsx' | 'csv') {
  return writeAudit(opts.db, {
    actorUserId: opts.actor.id,
    action: 'report.export',
    targetType: 'OrgUnit',
    targetId: opts.unit.id,
    detail: { year: opts.input.year, format },
  });
}

dayjs.extend(utc);
dayjs.extend(timezone);

const LEVEL_NAMES: Record<number, string> = { 1: '市（地区）', 2: '县（市、区）', 3: '学校与指导服务站点' };

/** Column order and Chinese headings shared by the workbook and the CSV. */
const COLUMNS: { key: keyof CoverageRow | 'parentName'; header: string; width: number }[] = [
  { key: 'name', header: '单位', width: 28 },
  { key: 'code', header: '区划代码', width: 10 },
  { key: 'families', header: '家庭数', width: 10 },
  { key: 'servedFamilies', header: '已获指导家庭数', width: 14 },
  { key: 'coverage', header: '覆盖率', width: 10 },
  { key: 'guidanceSites', header: '指导服务站点数', width: 14 },
  { key: 'activeGuidanceSites', header: '开展心理健康教育的站点数', width: 22 },
  { key: 'sessions', header: '活动场次', width: 10 },
  { key: 'attendances', header: '参加人次（户次）', width: 16 },
  { key: 'homeVisitsDone', header: '完成家访数', width: 12 },
  // Added in v2 at the end, so the columns a bureau's own sheets read keep their places.
  { key: 'enrolledFamilies', header: '在册家庭数', width: 12 },
  { key: 'joinedFamilies', header: '已加入平台家庭数', width: 16 },
];

export const DEFINITIONS: [string, string][] = [
  [
    '家庭数',
    '本单位（含下级学校、家庭教育指导服务站点）已知的全部家庭：班级名册上的家庭，加上已加入平台但不在名册上的家庭。一个家庭无论有几位监护人、几个孩子，只计一次；学生转学或毕业后，该家庭仍计入其在册的年度。',
  ],
  ['在册家庭数', '来自学校班级名册的家庭数（同一家庭编号的兄弟姐妹为一个家庭）。'],
  ['已加入平台家庭数', '至少有一位监护人已在心桥登记的家庭数。'],
  [
    '已获指导家庭数',
    '本年度至少接受过一次家庭心理健康教育指导服务的家庭数：监护人参加了“心理健康”类活动（扫码签到或由负责人点名、补录），或完成了一次家访（入户、电话或视频）。每个家庭只计一次。',
  ],
  [
    '覆盖率',
    '已获指导家庭数 ÷ 家庭数；没有家庭时为 0。对应黑教联〔2023〕98号第 19 条“每年向家长至少开展一次家庭心理健康教育指导服务”。',
  ],
  ['指导服务站点数', '社区家长学校、家庭教育指导服务站点的数量。'],
  ['开展心理健康教育的站点数', '本年度至少举办过一场有家庭到场的心理健康教育活动的站点数；目标为站点总数的 60%。'],
  ['活动场次', '本年度开始的、未取消的指导服务、家长学校课程、公益讲座、亲子沙龙和新生家长课堂场次。'],
  ['参加人次（户次）', '本年度活动的到场记录数，按家庭计，同一家庭同一场只计一次。'],
  ['完成家访数', '本年度完成的寒暑假家访、电话家访和视频家访次数。'],
  [
    '隐私保护',
    `只涉及一所学校或一个站点的人数（家庭数、已获指导家庭数、参加人次、家访数）小于 5 时不公开（记为“${WITHHELD_TEXT}”），以免识别到具体家庭；为防止用合计减去其余各行推算出来，同一列还会再隐去至少一个数字（可能大于 5）。学校、站点和活动的数量始终公开。报表不含任何姓名、openid、电话或“学校+年级+班级”组合。`,
  ],
];

function cell(row: CoverageRow & { parentName?: string }, key: (typeof COLUMNS)[number]['key']): string | number {
  const v = (row as unknown as Record<string, unknown>)[key];
  if (v === undefined || (v === null && (key === 'name' || key === 'code' || key === 'parentName'))) return '';
  if (v === null) return WITHHELD_TEXT;
  if (key === 'coverage' && typeof v === 'number') return v;
  return v as string | number;
}

function scopeLine(name: string, year: number, siteKind?: SiteKind) {
  const kind = siteKind ? `（仅${ORG_UNIT_KIND_LABELS[siteKind]}）` : '';
  return `范围：${name}${kind}　年度：${year}　生成时间：${dayjs().tz('Asia/Shanghai').format('YYYY-MM-DD HH:mm')}（北京时间）`;
}

export async function coverageWorkbook(opts: ExportOptions) {
  const { input } = opts;
  const { root, levels, report } = await coverageByLevel(opts);
  // exceljs is large and only this export uses it: loaded on the first export, not at start-up.
  const ExcelJS: typeof ExcelJSModule = (await import('exceljs')).default;
  const wb = new ExcelJS.Workbook();
  wb.creator = '心桥 HeartBridge';
  wb.created = new Date();
  const title = `${root.name}${input.year}年家庭心理健康教育指导服务覆盖情况`;

  const summary = wb.addWorksheet('说明');
  summary.columns = [{ width: 26 }, { width: 100 }];
  summary.addRow([title]).font = { bold: true, size: 14 };
  summary.addRow([scopeLine(root.name, input.year, input.siteKind)]);
  summary.addRow([]);
  summary.addRow(['合计', '']).font = { bold: true };
  for (const c of COLUMNS.slice(2)) summary.addRow([c.header, cell(report.total, c.key)]);
  summary.addRow([]);
  summary.addRow(['指标说明', '']).font = { bold: true };
  for (const [k, v] of DEFINITIONS) summary.addRow([k, v]).alignment = { wrapText: true, vertical: 'top' };

  for (const level of levels) {
    const ws = wb.addWorksheet(LEVEL_NAMES[level.depth] ?? `第${level.depth}级`);
    const cols =
      level.depth > 1 ? [{ key: 'parentName' as const, header: '上级单位', width: 16 }, ...COLUMNS] : COLUMNS;
    ws.columns = cols.map((c) => ({ width: c.width }));
    ws.addRow([`${title}（按${LEVEL_NAMES[level.depth]}）`]).font = { bold: true, size: 13 };
    ws.addRow([scopeLine(root.name, input.year, input.siteKind)]);
    const header = ws.addRow(cols.map((c) => c.header));
    header.font = { bold: true };
    for (const r of level.rows) {
      const row = ws.addRow(cols.map((c) => cell(r as CoverageRow & { parentName?: string }, c.key)));
      const covIdx = cols.findIndex((c) => c.key === 'coverage') + 1;
      if (typeof row.getCell(covIdx).value === 'number') row.getCell(covIdx).numFmt = '0.0%';
    }
    ws.views = [{ state: 'frozen', ySplit: 3 }];
  }
  const buffer = Buffer.from(await wb.xlsx.writeBuffer());
  const fileName = `${root.name}-${input.year}年家庭心理健康指导服务覆盖情况.xlsx`;
  await auditExport(opts, 'xlsx');
  return { fileName, base64: buffer.toString('base64') };
}

/**
 * One CSV cell. Text that a spreadsheet would run as a formula (starting with = + - @, a tab or a carriage
 * return: a unit named "=HYPERLINK(…)") is kept as text with a leading apostrophe; numbers stay numbers.
 */
export function csvField(v: string | number): string {
  const text = String(v);
  const s = typeof v === 'string' && /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The coverage table as CSV (UTF-8 with BOM so that Excel opens the Chinese correctly). */
export async function coverageCsv(opts: ExportOptions) {
  const { input } = opts;
  const report = await coverageReport(opts);
  const lines = [COLUMNS.map((c) => c.header).join(',')];
  for (const r of [...report.rows, { ...report.total, name: `合计（${report.name}）` }])
    lines.push(COLUMNS.map((c) => csvField(cell(r, c.key))).join(','));
  await auditExport(opts, 'csv');
  return { fileName: `${report.name}-${input.year}年覆盖情况.csv`, content: `\uFEFF${lines.join('\r\n')}\r\n` };
}
