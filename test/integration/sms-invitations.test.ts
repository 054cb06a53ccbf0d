/**
 * Households on a roster that never joined the app are reached too (issue: ready for a real region): the
 * unserved list shows them with the roster's contact masked, and the invitation goes to their mobile by SMS
 * through the one SMS client (Tencent Cloud's SendSms, signed; the provider is our loopback fake). Once a day
 * per household; the number is decrypted only to send, and that read is audited.
 */
import { createTestApp, type TestApp } from '../helpers/test-app';
import { makeFamily, makeStaff, makeUnit } from '../helpers/builders';
import { xlsxBase64 } from '../helpers/xlsx';
import { SmsClient } from '../../server/sms/tencent-sms';
import { FAKE_SMS } from '../../server/sms/fake-sms-server';

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp();
});
afterAll(() => app.close());

const YEAR = Number(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()));

it('invites rostered households by SMS once a day, and joined families through WeChat', async () => {
  const school = await makeUnit(app.db);
  const coordinator = app.caller(await app.as((await makeStaff(app.db, 'COORDINATOR', school.id)).id));
  await coordinator.rosters.importXlsx({
    schoolId: school.id,
    fileBase64: await xlsxBase64([
      ['年级', '班级', '学生姓名', '家庭编号', '监护人姓名', '监护人关系', '监护人手机'],
      ['三年级', '1班', '甲', null, '甲家长', '母亲', '13800001111'],
      ['三年级', '1班', '乙', null, '乙家长', '祖父母', '13900002222'],
      // A number the carrier refuses.
      ['三年级', '1班', '丙', null, '丙家长', '父亲', '17000003333'],
      ['三年级', '1班', '丁', null, null, null, null],
    ]),
  });
  const joined = await makeFamily(app.db, school.id);

  const list = await coordinator.reports.unservedFamilies({ orgUnitId: school.id, year: YEAR });
  expect(
    list
      .filter((f) => !f.joined)
      .map((f) => f.contact)
      .sort(),
  ).toEqual([null, '丙**（父亲） 170****3333', '乙**（祖父母） 139****2222', '甲**（母亲） 138****1111']);
  expect(list.find((f) => f.familyId === joined.familyId)).toMatchObject({ joined: true, contact: null });

  const before = app.sms.sent.length;
  expect(await coordinator.reports.remindUnserved({ orgUnitId: school.id, year: YEAR })).toEqual({
    queuedFamilies: 1,
    smsFamilies: 2,
    smsFailed: 1,
    smsAvailable: true,
  });
  const sent = app.sms.sent.slice(before);
  expect(sent.map((m) => m.phone).sort()).toEqual(['13800001111', '13900002222']);
  expect(sent[0]).toMatchObject({
    templateId: app.env.SMS_TEMPLATE_INVITE,
    params: [school.name.slice(0, 12), String(YEAR)],
  });
  const rows = await app.db.smsMessage.findMany({
    where: { orgUnitId: school.id },
    select: { status: true, providerCode: true },
  });
  expect(rows.map((r) => r.status).sort()).toEqual(['FAILED', 'SENT', 'SENT']);
  expect(JSON.stringify(rows)).not.toContain('138');
  const reads = await app.db.auditLog.findMany({
    where: { action: 'family.contactRead', orgUnitId: school.id },
    select: { detail: true },
  });
  expect(reads.map((r) => r.detail)).toEqual([{ purpose: 'UNSERVED_INVITE', households: 3 }]);

  // The same day again: no second SMS to anyone.
  expect(await coordinator.reports.remindUnserved({ orgUnitId: school.id, year: YEAR })).toMatchObject({
    smsFamilies: 0,
    smsFailed: 0,
  });
  expect(app.sms.sent.length).toBe(before + 2);
});

it('the SMS client signs its requests: a wrong secret is refused by the provider, in Chinese', async () => {
  const client = (secretKey: string) =>
    new SmsClient({
      apiBase: app.sms.url,
      secretId: FAKE_SMS.secretId,
      secretKey,
      sdkAppId: FAKE_SMS.sdkAppId,
      signName: '心桥家校',
    });
  await expect(client(FAKE_SMS.secretKey).send(['13700004444'], 'tpl', ['x'])).resolves.toEqual([
    { phone: '13700004444', ok: true, code: 'Ok', serialNo: expect.any(String) },
  ]);
  await expect(client('wrong').send(['13700004444'], 'tpl', ['x'])).rejects.toMatchObject({
    code: 'SERVICE_UNAVAILABLE',
    message: '短信服务拒绝了请求（AuthFailure.SignatureFailure），请联系管理员检查短信配置',
  });
  // 450 numbers go as three calls of at most 200.
  const many = Array.from({ length: 450 }, (_, i) => `136${String(i).padStart(8, '0')}`);
  const results = await client(FAKE_SMS.secretKey).send(many, 'tpl', ['x']);
  expect(results.filter((r) => r.ok)).toHaveLength(450);
});
