// The demo schools' class rosters, loaded through rosters.importXlsx as a coordinator would upload them: the
// families already in the app are found on their class's roster, and about a third more households are on
// the roster only (nobody from them has opened the app), so the dashboard shows enrolled against joined
// against served. One joined family of the demo school is left off its roster: the 待核对 queue has an entry.
import ExcelJS from 'exceljs';
import type { PrismaClient } from '../../server/generated/prisma/client';
import type { FieldCipher } from '../../server/crypto/field-cipher';
import { importRoster } from '../../server/services/rosters/import-roster';
import { ROSTER_COLUMNS } from '../../server/shared/rosters';
import { gradeLabel } from '../../server/shared/grades';
import { DEMO_USERNAMES, findDemoSchoolId } from './demo-ids';

const EXTRA_SURNAMES = ['刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '高', '林'];
const EXTRA_GIVEN = ['明轩', '欣怡', '浩宇', '梓涵', '子墨', '雨萱', '俊杰', '诗涵', '宇航', '思彤', '嘉懿', '若曦'];

export async function seedDemoRosters(db: PrismaClient, cipher: FieldCipher, log: (msg: string) => void) {
  const admin = await db.user.findUniqueOrThrow({ where: { username: DEMO_USERNAMES.admin }, select: { id: true } });
  const demoSchoolId = await findDemoSchoolId(db);
  const schools = await db.orgUnit.findMany({
    where: { kind: 'SCHOOL', families: { some: {} } },
    select: { id: true, path: true, kind: true, name: true, depth: true, code: true, closedAt: true },
    orderBy: { path: 'asc' },
  });
  let households = 0;
  let students = 0;
  for (const [s, school] of schools.entries()) {
    const children = await db.child.findMany({
      where: { schoolId: school.id },
      select: { familyId: true, grade: true, className: true, name: true, family: { select: { createdAt: true } } },
      orderBy: [{ family: { createdAt: 'asc' } }, { name: 'asc' }],
    });
    const leftOff = school.id === demoSchoolId ? children[children.length - 1]?.familyId : undefined;
    const rows: (string | null)[][] = [[...ROSTER_COLUMNS]];
    for (const c of children) {
      if (c.familyId === leftOff) continue;
      rows.push([
        gradeLabel(c.grade),
        c.className ?? '（1）班',
        c.name,
        `D${c.familyId.slice(0, 8)}`,
        null,
        null,
        null,
      ]);
    }
    // Households on the roster only: a guardian's mobile on file for about half of them.
    const classes = [...new Set(children.map((c) => `${c.grade}|${c.className ?? ''}`))];
    const extra = Math.ceil(children.length * 0.45);
    for (let i = 0; i < extra; i += 1) {
      const [grade, className] = classes[i % classes.length].split('|');
      const name = `${EXTRA_SURNAMES[(i + s) % EXTRA_SURNAMES.length]}${EXTRA_GIVEN[(i * 7 + s) % EXTRA_GIVEN.length]}${i + 1}`;
      const phone = i % 2 === 0 ? `1390451${String(s * 1000 + i).padStart(4, '0')}` : null;
      rows.push([
        gradeLabel(grade),
        className || '（1）班',
        name,
        null,
        phone ? '家长' : null,
        phone ? '祖父母' : null,
        phone,
      ]);
    }
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('班级名册');
    for (const r of rows) ws.addRow(r);
    const fileBase64 = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
    const result = await importRoster({
      db,
      cipher,
      actor: { id: admin.id },
      unit: school,
      input: { fileBase64, wholeSchool: true },
    });
    if (result.errors.length > 0) throw new Error(`演示名册有误：${JSON.stringify(result.errors.slice(0, 3))}`);
    households += result.households;
    students += result.children;
  }
  log(`演示班级名册：${schools.length} 所学校、${students} 名学生、${households} 户家庭（部分家庭尚未加入平台）。`);
}
