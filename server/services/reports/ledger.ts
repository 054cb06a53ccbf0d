import type ExcelJSModule from 'exceljs';
import type { Db } from '../../db/create-db';
import type { Actor } from '../../auth/auth-user';
import { AppError } from '../../errors/app-error';
import { chinaDateTimeText, chinaDay, semesterBounds, semesterOfKey } from '../../shared/china-time';
import { gradeLabel, gradeOrder } from '../../shared/grades';
import { maskName } from '../../shared/privacy';
import { ATTENDANCE_METHOD_LABELS, SESSION_KIND_LABELS, SESSION_MODE_LABELS } from '../../shared/sessions';
import { SPECIAL_GROUP_LABELS, VISIT_MODES, VISIT_MODE_LABELS, VISIT_TOPIC_LABELS } from '../../shared/visits';
import { writeAudit } from '../audit/write-audit';
import { isBelowCounty, type ReportUnit } from './coverage';
import {
  knownHouseholds,
  ledgerAttendance,
  ledgerSessions,
  ledgerSpecialGroups,
  ledgerVisits,
  type LedgerChild,
  type LedgerFilter,
} from './ledger.sql';

type Workbook = ExcelJSModule.Workbook;
type Worksheet = ExcelJSModule.Worksheet;
type Semester = ReturnType<typeof semesterOfKey>;

export const LEDGER_SHEETS = ['汇总', '活动计划与记录', '签到表', '家访汇总', '特殊群体家访'] as const;

const RATE_FORMAT = '0.0%';

/** What each figure of the summary sheet counts (also the sheet's 指标说明 block). */
export const LEDGER_DEFINITIONS: [string, string][] = [
  [
    '学期',
    '第一学期为 9 月 1 日至次年 1 月 31 日（YYYY-09），第二学期为 2 月 1 日至 8 月 31 日（YYYY-02），按北京时间。',
  ],
  [
    '已开展活动',
    '本学期开始、已发布且已经开始的活动（指导服务、家长学校课程、公益讲座、亲子沙龙、新生家长课堂），不含草稿和已取消的活动。',
  ],
  ['其中心理健康教育', '已开展活动中标为“心理健康教育”的场次。'],
  ['计划中活动', '本学期内尚未开始的已发布活动，以及草稿。'],
  ['到场户次', '已开展活动的到场记录数（扫码签到、现场点名、纸质签到表补录），按家庭计，同一家庭同一场只计一次。'],
  ['参与家庭数', '本学期至少到场一场已开展活动的家庭数，每户只计一次。'],
  [
    '已知家庭数',
    '本单位班级名册上的家庭，加上已加入平台但不在名册上的家庭；学期结束后才登记的家庭、学期开始前孩子已全部离校的家庭不计。',
  ],
  [
    '参与率',
    '本单位参与家庭数 ÷ 本单位已知家庭数（没有家庭时为 0；外单位来参加的家庭列入签到表，不计入参与率）；签到表中每场的参与率为该场本单位到场户数 ÷ 已知家庭数。',
  ],
  [
    '完成家访',
    '本单位家访窗口中、时段在本学期开始、已记录完成且时段已经开始的家访，按入户、电话、视频分列；时长按预约的时段计。',
  ],
  ['已预约未完成家访', '时段在本学期、仍为“已预约”的家访（含尚未到时间的）。'],
  ['已取消家访', '时段在本学期、已取消的家访。'],
  [
    '特殊群体家庭',
    '本单位已标记为留守、流动、孤儿、事实无人抚养、单亲或残疾儿童的家庭（本单位登记的家庭，或有孩子在本单位就读的家庭），每户只计一次。',
  ],
  ['其中本学期已家访', '特殊群体家庭中，本学期（按家访时段开始时间）至少完成一次家访的家庭数，任一家访窗口均计入。'],
  [
    '隐私保护',
    '台账含学生姓名，仅供本单位负责人和管理员留存备查，每次导出都记入审计日志；外单位家庭的孩子只显示姓名首字。台账不含家访小结、家访记录和住址。',
  ],
];

const rate = (n: number, of: number) => (of === 0 ? 0 : n / of);
const percentText = (r: number) => `${(r * 100).toFixed(1)}%`;
const unique = (values: string[]) => [...new Set(values.filter((v) => v !== ''))];

/**
 * A household's grade, class and student cells: its children at this unit by name; a household from
 * elsewhere (registered for a session here) by its children's first characters only.
 */
function household(children: LedgerChild[] | null) {
  const all = children ?? [];
  const here = all.filter((c) => c.here);
  const shown = here.length > 0 ? here : all;
  return {
    first: shown[0],
    grade: unique(shown.map((c) => gradeLabel(c.grade))).join('、'),
    className: unique(shown.map((c) => c.className ?? '')).join('、'),
    names: shown.map((c) => (c.here ? c.name : maskName(c.name))).join('、'),
  };
}

/** Range, semester and the moment of generation, on every sheet. */
function scopeText(unit: ReportUnit, semester: Semester, generatedAt: Date) {
  const last = chinaDay(new Date(semester.to.getTime() - 1));
  return `范围：${unit.name}　学期：${semester.label}（${chinaDay(semester.from)} 至 ${last}）　生成时间：${chinaDateTimeText(generatedAt)}（北京时间）`;
}

/** A sheet with its title, its definitions and scope line, and a frozen header row. */
function addSheet(
  wb: Workbook,
  name: (typeof LEDGER_SHEETS)[number],
  opts: { title: string; definition: string; scope: string; columns: [string, number][] },
): Worksheet {
  const ws = wb.addWorksheet(name);
  ws.columns = opts.columns.map(([, width]) => ({ width }));
  ws.addRow([opts.title]).font = { bold: true, size: 13 };
  ws.addRow([`口径：${opts.definition}　${opts.scope}`]);
  ws.addRow(opts.columns.map(([header]) => header)).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 3 }];
  return ws;
}

const wrapped = { wrapText: true, vertical: 'top' } as const;

/** A row's values with nothing to say left as empty cells (not empty text). */
const cells = (values: (string | number)[]) => values.map((v) => (v === '' ? null : v));

/**
 * The semester ledger (台账) of a school or site: a summary, the activities planned and held, the sign-in
 * sheets, the home visits and the special-group households' visits, generated from the records so that
 * nobody types them again. Names households: the caller is the unit's coordinator or an admin (see the
 * procedure), and every export is audited. Five statements read everything (ledger.sql.ts).
 */
export async function ledgerWorkbook(opts: { db: Db; actor: Actor; unit: ReportUnit; input: { semester?: string } }) {
  const { db, unit } = opts;
  if (!isBelowCounty(unit.kind))
    throw new AppError('BAD_REQUEST', '台账按学校或指导服务站点生成，请选择一所学校或一个站点');
  const semester = semesterOfKey(opts.input.semester ?? semesterBounds(new Date()).key);
  const f: LedgerFilter = { unitId: unit.id, from: semester.from, to: semester.to };
  const [sessions, attendance, visits, special, known] = await Promise.all([
    ledgerSessions(db, f),
    ledgerAttendance(db, f),
    ledgerVisits(db, f),
    ledgerSpecialGroups(db, f),
    knownHouseholds(db, f),
  ]);
  const generatedAt = new Date();
  const scope = scopeText(unit, semester, generatedAt);
  const title = `${unit.name}${semester.label}家长学校工作台账`;

  const held = sessions.filter((s) => s.held);
  const presentBySession = new Map<string, typeof attendance>();
  for (const a of attendance) presentBySession.set(a.sessionId, [...(presentBySession.get(a.sessionId) ?? []), a]);
  // The unit's own households (as reports.compliance counts them): a visitor from elsewhere is listed, not counted.
  const participating = new Set(attendance.filter((a) => a.own).map((a) => a.familyId)).size;
  const done = visits.filter((v) => v.done);
  const visited = special.filter((s) => (s.visitedAt?.length ?? 0) > 0).length;

  // exceljs is large and only the exports use it: loaded on the first export, not at start-up.
  const ExcelJS: typeof ExcelJSModule = (await import('exceljs')).default;
  const wb = new ExcelJS.Workbook();
  wb.creator = '心桥 HeartBridge';
  wb.created = generatedAt;

  // 1. 汇总
  const summary = wb.addWorksheet(LEDGER_SHEETS[0]);
  summary.columns = [{ width: 26 }, { width: 100 }];
  summary.addRow([title]).font = { bold: true, size: 14 };
  summary.addRow([scope]);
  summary.addRow(['指标', '数值']).font = { bold: true };
  summary.views = [{ state: 'frozen', ySplit: 3 }];
  const figures: [string, number, boolean?][] = [
    ['已开展活动（场）', held.length],
    ['其中心理健康教育（场）', held.filter((s) => s.mentalHealth).length],
    ['计划中活动（场）', sessions.length - held.length],
    ['到场户次', attendance.length],
    ['参与家庭数（户）', participating],
    ['已知家庭数（户）', known],
    ['参与率', rate(participating, known), true],
    ...VISIT_MODES.map((m): [string, number] => [
      `完成家访：${VISIT_MODE_LABELS[m]}（次）`,
      done.filter((v) => v.mode === m).length,
    ]),
    ['完成家访合计（次）', done.length],
    ['已预约未完成家访（次）', visits.filter((v) => v.status === 'BOOKED').length],
    ['已取消家访（次）', visits.filter((v) => v.status === 'CANCELLED').length],
    ['特殊群体家庭（户）', special.length],
    ['其中本学期已家访（户）', visited],
    ['特殊群体家访完成率', rate(visited, special.length), true],
  ];
  for (const [label, value, isRate] of figures) {
    const row = summary.addRow([label, value]);
    row.getCell(2).alignment = { horizontal: 'left' };
    if (isRate) row.getCell(2).numFmt = RATE_FORMAT;
  }
  summary.addRow([]);
  summary.addRow(['指标说明', '']).font = { bold: true };
  for (const [k, v] of LEDGER_DEFINITIONS) summary.addRow([k, v]).alignment = wrapped;

  // 2. 活动计划与记录
  const plan = addSheet(wb, '活动计划与记录', {
    title: `${title}：活动计划与记录`,
    definition:
      '本学期（按开始时间）本单位的全部活动，不含已取消的；已发布且已开始的为“已开展”，草稿和尚未开始的为“计划中”；报名户数、到场户数按家庭计。',
    scope,
    columns: [
      ['日期', 18],
      ['活动名称', 28],
      ['类型', 22],
      ['主讲人', 12],
      ['主题/内容', 48],
      ['是否心理健康教育', 16],
      ['形式', 24],
      ['状态', 10],
      ['报名户数', 10],
      ['到场户数', 10],
    ],
  });
  for (const s of sessions) {
    const mode = SESSION_MODE_LABELS[s.mode] + (s.venue ? `（${s.venue}）` : '');
    plan.addRow(
      cells([
        chinaDateTimeText(s.startsAt),
        s.title,
        SESSION_KIND_LABELS[s.kind] ?? s.kind,
        s.speaker ?? '',
        s.description ?? '',
        s.mentalHealth ? '是' : '否',
        mode,
        s.held ? '已开展' : '计划中',
        s.confirmedCount,
        s.attendedCount,
      ]),
    ).alignment = wrapped;
  }

  // 3. 签到表
  const signIn = addSheet(wb, '签到表', {
    title: `${title}：签到表`,
    definition: `本学期已开展活动的到场家庭，每场一块、每户一行（同一家庭同一场只计一次）；学生为该家庭在本单位的孩子，外单位家庭的孩子只显示姓名首字；参与率 = 本单位到场户数 ÷ 本单位已知家庭数（${known} 户：名册上的家庭与已加入平台的家庭，不含学期开始前已全部离校的）。`,
    scope,
    columns: [
      ['序号', 8],
      ['年级', 14],
      ['班级', 18],
      ['学生姓名', 20],
      ['签到方式', 16],
      ['签到时间', 18],
    ],
  });
  for (const s of held) {
    const present = presentBySession.get(s.id) ?? [];
    signIn.addRow([`${s.title}　${chinaDateTimeText(s.startsAt)}`]).font = { bold: true };
    present.forEach((a, i) => {
      const h = household(a.children);
      signIn.addRow(
        cells([i + 1, h.grade, h.className, h.names, ATTENDANCE_METHOD_LABELS[a.method], chinaDateTimeText(a.at)]),
      );
    });
    signIn.addRow([
      `到场 ${present.length} 户，参与率 ${percentText(rate(present.filter((a) => a.own).length, known))}`,
    ]);
    signIn.addRow([]);
  }

  // 4. 家访汇总
  const visitSheet = addSheet(wb, '家访汇总', {
    title: `${title}：家访汇总`,
    definition:
      '本单位家访窗口中、时段在本学期开始的已完成家访（时段已开始并已记录完成），每次一行；时长按预约的时段计；不含家访小结、家访记录和住址。',
    scope,
    columns: [
      ['日期', 18],
      ['方式', 12],
      ['时长（分钟）', 12],
      ['教师', 14],
      ['年级', 14],
      ['班级', 18],
      ['话题', 30],
      ['跟进事项', 60],
    ],
  });
  for (const v of done) {
    const h = household(v.children);
    const followUps = (v.followUps ?? [])
      .map((fu) => `${fu.action}（${fu.dueOn.slice(0, 10)} 前，${fu.done ? '已完成' : '未完成'}）`)
      .join('；');
    visitSheet.addRow(
      cells([
        chinaDateTimeText(v.startsAt),
        VISIT_MODE_LABELS[v.mode],
        Math.round((v.endsAt.getTime() - v.startsAt.getTime()) / 60_000),
        v.teacherName ?? '',
        h.grade,
        h.className,
        v.topics.map((t) => VISIT_TOPIC_LABELS[t as keyof typeof VISIT_TOPIC_LABELS] ?? t).join('、'),
        followUps,
      ]),
    ).alignment = wrapped;
  }

  // 5. 特殊群体家访
  const groupSheet = addSheet(wb, '特殊群体家访', {
    title: `${title}：特殊群体家访`,
    definition:
      '本单位已标记特殊群体的家庭，每户一行；本学期是否已家访：本学期（按时段开始时间）至少完成一次家访，任一家访窗口均计入；负责教师为孩子所在班级的班主任，未设班主任时为家访教师。',
    scope,
    columns: [
      ['年级', 14],
      ['班级', 18],
      ['学生姓名', 20],
      ['群体', 28],
      ['本学期是否已家访', 16],
      ['家访日期', 24],
      ['负责教师', 14],
    ],
  });
  const groupRows = special
    .map((s) => ({ s, h: household(s.children) }))
    .sort(
      (a, b) =>
        gradeOrder(a.h.first?.grade) - gradeOrder(b.h.first?.grade) ||
        a.h.className.localeCompare(b.h.className, 'zh-CN') ||
        a.h.names.localeCompare(b.h.names, 'zh-CN'),
    );
  for (const { s, h } of groupRows) {
    const dates = unique((s.visitedAt ?? []).map((d) => chinaDay(d)));
    groupSheet.addRow(
      cells([
        h.grade,
        h.className,
        h.names,
        s.groups.map((g) => SPECIAL_GROUP_LABELS[g] ?? g).join('、'),
        dates.length > 0 ? '是' : '否',
        dates.join('、'),
        s.classTeacherName ?? (s.visitTeacherNames ?? []).join('、'),
      ]),
    ).alignment = wrapped;
  }
  groupSheet.addRow([]);
  const completion = groupSheet.addRow([
    `共 ${special.length} 户，本学期已家访 ${visited} 户`,
    null,
    '家访完成率',
    rate(visited, special.length),
  ]);
  completion.getCell(4).numFmt = RATE_FORMAT;
  completion.font = { bold: true };

  const buffer = Buffer.from(await wb.xlsx.writeBuffer());
  const named = new Set([...attendance.map((a) => a.familyId), ...special.map((s) => s.familyId)]);
  // The ledger names households: who took which unit's names, for which semester, is recorded.
  await writeAudit(db, {
    actorUserId: opts.actor.id,
    action: 'report.ledger',
    targetType: 'OrgUnit',
    targetId: unit.id,
    orgUnitId: unit.id,
    detail: { semester: semester.key, format: 'ledger-xlsx', households: named.size },
  });
  return { fileName: `${unit.name}-${semester.label}家长学校工作台账.xlsx`, base64: buffer.toString('base64') };
}
