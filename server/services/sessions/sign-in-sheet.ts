import type ExcelJSModule from 'exceljs';
import type { Db } from '../../db/create-db';
import type { Actor } from '../../auth/auth-user';
import { AppError } from '../../errors/app-error';
import { chinaDateTimeText } from '../../shared/china-time';
import { gradeLabel } from '../../shared/grades';
import { maskName } from '../../shared/privacy';
import { REGISTRATION_STATUS_LABELS } from '../../shared/sessions';
import { writeAudit } from '../audit/write-audit';

/** Empty numbered lines at the end of the sheet, for households who come without registering. */
export const SIGN_IN_BLANK_LINES = 10;

export const SIGN_IN_COLUMNS = ['序号', '年级班级', '学生姓名', '报名情况', '家长签名'] as const;

type Child = { name: string; grade: string; className: string | null; schoolId: string };

/**
 * 签到表 for the door of a session: one line per registered household (报名成功, then 候补) and per household
 * already marked present without registering, then empty numbered lines; 家长签名 is left blank for the pen.
 * The session's own school's children by full name (the sheet is checked against the class); children of other
 * schools by their masked name. No phone numbers. Who took the names is recorded.
 */
export async function signInSheet(opts: { db: Db; actor: Actor; input: { sessionId: string } }) {
  const { db } = opts;
  const { sessionId } = opts.input;
  const s = await db.guidanceSession.findUnique({
    where: { id: sessionId },
    select: {
      id: true,
      title: true,
      startsAt: true,
      venue: true,
      orgUnitId: true,
      orgUnit: { select: { name: true } },
    },
  });
  if (!s) throw new AppError('NOT_FOUND', '活动不存在');
  const childSelect = { children: { select: { name: true, grade: true, className: true, schoolId: true } } } as const;
  const [regs, atts] = await Promise.all([
    db.registration.findMany({
      where: { sessionId, status: { in: ['CONFIRMED', 'WAITLISTED'] } },
      orderBy: [{ status: 'asc' }, { queuedAt: 'asc' }],
      select: { familyId: true, status: true, family: { select: childSelect } },
    }),
    db.attendance.findMany({ where: { sessionId, present: true }, select: { familyId: true } }),
  ]);
  const registered = new Set(regs.map((r) => r.familyId));
  const walkIns = await db.family.findMany({
    where: { id: { in: atts.map((a) => a.familyId).filter((id) => !registered.has(id)) } },
    select: { id: true, ...childSelect },
  });
  const line = (children: Child[]) => {
    const own = children.filter((c) => c.schoolId === s.orgUnitId);
    const shown = own.length ? own : children;
    return {
      classes: [...new Set(shown.map((c) => c.className ?? gradeLabel(c.grade)))].join('、'),
      names: shown.map((c) => (c.schoolId === s.orgUnitId ? c.name : maskName(c.name))).join('、'),
    };
  };
  const households = [
    ...regs.map((r) => ({ ...line(r.family.children), status: REGISTRATION_STATUS_LABELS[r.status] })),
    ...walkIns.map((f) => ({ ...line(f.children), status: '现场登记' })),
  ];

  // exceljs is large and only the exports use it: loaded on the first export, not at start-up.
  const ExcelJS: typeof ExcelJSModule = (await import('exceljs')).default;
  const wb = new ExcelJS.Workbook();
  wb.creator = '心桥 HeartBridge';
  const ws = wb.addWorksheet('签到表', {
    pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  ws.columns = [{ width: 8 }, { width: 20 }, { width: 22 }, { width: 14 }, { width: 30 }];
  ws.addRow([`${s.title}　签到表`]).font = { bold: true, size: 14 };
  ws.addRow([`${s.orgUnit.name}　时间：${chinaDateTimeText(s.startsAt)}${s.venue ? `　地点：${s.venue}` : ''}`]);
  const header = ws.addRow([...SIGN_IN_COLUMNS]);
  header.font = { bold: true };
  households.forEach((h, i) => ws.addRow([i + 1, h.classes, h.names, h.status, null]));
  for (let i = 0; i < SIGN_IN_BLANK_LINES; i += 1) ws.addRow([households.length + i + 1, null, null, null, null]);
  const thin = { style: 'thin' } as const;
  ws.eachRow((row, n) => {
    if (n < 3) return;
    row.height = 28;
    for (let c = 1; c <= SIGN_IN_COLUMNS.length; c += 1)
      row.getCell(c).border = { top: thin, left: thin, bottom: thin, right: thin };
  });
  ws.views = [{ state: 'frozen', ySplit: 3 }];
  const buffer = Buffer.from(await wb.xlsx.writeBuffer());
  await writeAudit(db, {
    actorUserId: opts.actor.id,
    action: 'session.signInSheet',
    targetType: 'Session',
    targetId: sessionId,
    orgUnitId: s.orgUnitId,
    detail: { households: households.length },
  });
  const day = chinaDateTimeText(s.startsAt).slice(0, 10);
  return { fileName: `${s.title}-${day}签到表.xlsx`, base64: buffer.toString('base64') };
}
