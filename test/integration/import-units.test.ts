/**
 * orgUnits.importXlsx: a county's schools and sites from the spreadsheet it already keeps. All or nothing,
 * with a Chinese error per row; importing the same file again changes nothing; every import is in the history.
 */
import { createTestApp, type TestApp } from '../helpers/test-app';
import { TEST_CITY_ID, makeCounty, makeStaff, makeUnit } from '../helpers/builders';
import { xlsxBase64, xlsxRows } from '../helpers/xlsx';

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp();
});
afterAll(() => app.close());

const admin = async () => app.caller(await app.as((await makeStaff(app.db, 'ADMIN', TEST_CITY_ID)).id));
/** A 学校标识码 of its own for each call. */
let next = 0;
const schoolCode = () => `1${String(Date.now()).slice(-6)}${String((next += 1)).padStart(3, '0')}`;
const HEADER = ['名称', '类型', '代码'];

describe('orgUnits.importXlsx', () => {
  it('imports a county’s schools and sites, and the same file again changes nothing', async () => {
    const county = await makeCounty(app.db);
    const code = schoolCode();
    const file = await xlsxBase64([
      HEADER,
      ['第一实验小学', '学校', code],
      ['和平社区家长学校', '社区家长学校', null],
      ['幸福社区妇女儿童之家', '妇女儿童之家', ''],
    ]);
    const caller = await admin();
    expect(await caller.orgUnits.importXlsx({ parentId: county.id, fileBase64: file })).toEqual({
      created: 3,
      updated: 0,
      errors: [],
    });
    const units = await app.db.orgUnit.findMany({
      where: { parentId: county.id },
      select: { id: true, name: true, kind: true, code: true, siteType: true },
      orderBy: { name: 'asc' },
    });
    expect(units.map(({ id: _id, ...u }) => u)).toEqual([
      { name: '和平社区家长学校', kind: 'COMMUNITY_SITE', code: null, siteType: 'COMMUNITY_PARENT_SCHOOL' },
      { name: '幸福社区妇女儿童之家', kind: 'COMMUNITY_SITE', code: null, siteType: 'WOMEN_CHILDREN_HOME' },
      { name: '第一实验小学', kind: 'SCHOOL', code, siteType: null },
    ]);
    expect(await app.db.inviteCode.count({ where: { orgUnitId: { in: units.map((u) => u.id) } } })).toBe(3);

    expect(await caller.orgUnits.importXlsx({ parentId: county.id, fileBase64: file })).toEqual({
      created: 0,
      updated: 0,
      errors: [],
    });
    // The school renamed in the bureau's list: matched by its code, updated, not duplicated.
    const renamed = await xlsxBase64([HEADER, ['第一实验小学（南校区）', '学校', code]]);
    expect(await caller.orgUnits.importXlsx({ parentId: county.id, fileBase64: renamed })).toMatchObject({
      created: 0,
      updated: 1,
    });
    expect(await app.db.orgUnit.count({ where: { parentId: county.id } })).toBe(3);
    expect((await app.db.orgUnit.findUniqueOrThrow({ where: { code } })).name).toBe('第一实验小学（南校区）');

    const history = await caller.orgUnits.imports({ orgUnitId: county.id });
    expect(history.map((h) => [h.kind, h.rows, h.created, h.updated])).toEqual([
      ['UNITS', 1, 0, 1],
      ['UNITS', 3, 0, 0],
      ['UNITS', 3, 3, 0],
    ]);
  });

  it('a file with mistakes writes nothing and lists every row’s problem in Chinese', async () => {
    const county = await makeCounty(app.db);
    const elsewhere = await makeCounty(app.db);
    const taken = schoolCode();
    await (await admin()).orgUnits.create({ parentId: elsewhere.id, kind: 'SCHOOL', name: '别县的学校', code: taken });
    const file = await xlsxBase64([
      HEADER,
      ['正确的小学', '学校', schoolCode()],
      ['', '学校', null],
      ['未知类型的站点', '活动中心', null],
      ['标识码不对的中学', '学校', '12345'],
      ['正确的小学', '学校', null],
      ['占用代码的学校', '学校', taken],
    ]);
    const result = await (await admin()).orgUnits.importXlsx({ parentId: county.id, fileBase64: file });
    expect(result.created).toBe(0);
    expect(result.errors).toEqual([
      { row: 3, message: '名称不能为空' },
      {
        row: 4,
        message:
          '类型“活动中心”无法识别，应为：学校、社区家长学校、家庭教育指导服务站点、妇女儿童之家、新时代文明实践站',
      },
      { row: 5, message: '学校标识码应为 10 位数字' },
      { row: 6, message: '与第 2 行重名' },
      { row: 7, message: `代码 ${taken} 已被其他地区的单位使用` },
    ]);
    expect(await app.db.orgUnit.count({ where: { parentId: county.id } })).toBe(0);
    expect(await app.db.importRun.count({ where: { orgUnitId: county.id } })).toBe(0);
  });

  it('a missing column, an empty sheet or a file that is not a workbook answers clearly', async () => {
    const county = await makeCounty(app.db);
    const caller = await admin();
    const noType = await xlsxBase64([
      ['名称', '代码'],
      ['某小学', schoolCode()],
    ]);
    expect((await caller.orgUnits.importXlsx({ parentId: county.id, fileBase64: noType })).errors).toEqual([
      { row: 1, message: '缺少“类型”列（表头应为：名称、类型、代码）' },
    ]);
    expect(
      (await caller.orgUnits.importXlsx({ parentId: county.id, fileBase64: await xlsxBase64([HEADER]) })).errors,
    ).toEqual([{ row: 1, message: '表头下面没有任何单位' }]);
    await expect(
      caller.orgUnits.importXlsx({ parentId: county.id, fileBase64: Buffer.from('名称,类型\n').toString('base64') }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', message: '无法读取这个文件，请上传 Excel（.xlsx）文件' });
    // Schools and sites go under a county, not under a school.
    const school = await makeUnit(app.db, { countyId: county.id });
    await expect(
      caller.orgUnits.importXlsx({
        parentId: school.id,
        fileBase64: await xlsxBase64([HEADER, ['某站点', '妇女儿童之家']]),
      }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', message: '学校和站点只能导入到县（市、区）下' });
    expect(await app.db.orgUnit.count({ where: { parentId: county.id } })).toBe(1);
  });

  it('the template has exactly the header the import reads', async () => {
    const { fileName, base64 } = await (await admin()).orgUnits.importTemplate();
    expect(fileName).toBe('学校与站点导入模板.xlsx');
    expect((await xlsxRows(base64))[0]).toEqual(HEADER);
  });
});
