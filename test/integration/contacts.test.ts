// Contact routes to a family (issue 16 part 2): a guardian's mobile and a home visit's address, encrypted,
// masked for everyone but the visiting teacher and the school's counsellor of an open referral, every clear
// read audited; the referral log's 尝试联系 / 已联系上 and what the parent is told.
import { createTestApp, type TestApp } from '../helpers/test-app';
import {
  makeReferral,
  makeSlot,
  makeStaff,
  makeUnit,
  makeVisit,
  makeWindow,
  signedInParent,
} from '../helpers/builders';
import type { AuthUser } from '../../server/auth/auth-user';
import { MOBILE_ERROR, maskAddress } from '../../server/shared/contacts';
import { maskContact } from '../../server/shared/rosters';
import { parentReferralStatus } from '../../server/shared/checklists';
import { fakePhoneFor } from '../../server/wechat/fake-wechat-server';
import { WechatClient } from '../../server/wechat/wechat-client';

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp();
});
afterAll(() => app.close());

const call = (user: AuthUser) => app.caller(user);
const staff = async (role: 'TEACHER' | 'COUNSELOR', unitId: string) =>
  app.as((await makeStaff(app.db, role, unitId)).id);
const reveals = (targetId: string) => app.db.auditLog.count({ where: { action: 'contact.reveal', targetId } });

/** A school, its teacher with a home-visit slot and a phone slot, and a signed-in parent of the school. */
async function schoolWithSlots() {
  const school = await makeUnit(app.db);
  const teacher = await staff('TEACHER', school.id);
  const window = await makeWindow(app.db, school.id);
  const home = await makeSlot(app.db, { windowId: window.id, teacherId: teacher.id, mode: 'HOME' });
  const phoneWindow = await makeWindow(app.db, school.id, { title: '电话家访' });
  const phone = await makeSlot(app.db, { windowId: phoneWindow.id, teacherId: teacher.id, mode: 'PHONE' });
  const { user: parent, familyId } = await signedInParent(app, school.id);
  return { school, teacher, home, phone, parent, familyId };
}

describe('a guardian gives a contact mobile', () => {
  it('checks it is a mainland mobile, says why not in Chinese, and keeps only the masked form readable', async () => {
    const { user: parent } = await signedInParent(app, (await makeUnit(app.db)).id);
    for (const wrong of ['12345', '12812345678', '138123456789', '电话']) {
      await expect(call(parent).families.setMobile({ mobile: wrong })).rejects.toMatchObject({
        code: 'BAD_REQUEST',
        message: expect.stringContaining('请填写正确的手机号'),
      });
    }
    expect(MOBILE_ERROR).toContain('11 位');
    const saved = await call(parent).families.setMobile({ mobile: '+86 138-1234-5678' });
    expect(saved.mobileMasked).toBe('138****5678');
    expect((await call(parent).families.mine()).myMobileMasked).toBe('138****5678');
    const row = await app.db.guardian.findUniqueOrThrow({ where: { userId: parent.id } });
    expect(row.mobileEnc).toBeTruthy();
    expect(row.mobileEnc).not.toContain('13812345678');
    const audit = await app.db.auditLog.findFirstOrThrow({
      where: { action: 'guardian.mobile.set', targetId: row.id },
    });
    expect(JSON.stringify(audit.detail)).not.toContain('5678');
    // Removing it is the guardian's choice too.
    expect((await call(parent).families.setMobile({ mobile: null })).mobileMasked).toBeNull();
    expect(await app.db.guardian.findUniqueOrThrow({ where: { userId: parent.id } })).toMatchObject({
      mobileEnc: null,
      mobileMasked: null,
    });
  });

  it('takes the number WeChat gives for the getPhoneNumber button code, exchanged by the server', async () => {
    const { user: parent } = await signedInParent(app, (await makeUnit(app.db)).id);
    const expected = fakePhoneFor('phone-grandma');
    expect(expected).toMatch(/^1[3-9]\d{9}$/);
    const saved = await call(parent).families.mobileFromWechat({ code: 'phone-grandma' });
    expect(saved.mobileMasked).toBe(`${expected.slice(0, 3)}****${expected.slice(7)}`);
    const audit = await app.db.auditLog.findFirstOrThrow({
      where: { action: 'guardian.mobile.set', actorUserId: parent.id },
    });
    expect(audit.detail).toEqual({ via: 'wechat' });
    // A code WeChat does not know: the parent is asked to type the number.
    await expect(call(parent).families.mobileFromWechat({ code: 'used-once' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: '微信给出的手机号凭证已失效，请再点一次或直接填写',
    });
  });

  it('the WeChat client fetches a fresh access token once when WeChat says the cached one is stale', async () => {
    let tokens = 0;
    let exchanges = 0;
    const fetchImpl = (async (url: URL | string) => {
      const u = new URL(String(url));
      const reply = (body: unknown) => new Response(JSON.stringify(body), { status: 200 });
      if (u.pathname.endsWith('/cgi-bin/stable_token'))
        return reply({ access_token: `t${++tokens}`, expires_in: 7200 });
      exchanges += 1;
      if (u.searchParams.get('access_token') === 't1') return reply({ errcode: 40001, errmsg: 'invalid credential' });
      return reply({ errcode: 0, phone_info: { purePhoneNumber: '13900001111', countryCode: '86' } });
    }) as typeof fetch;
    const client = new WechatClient({ apiBase: 'http://wechat.invalid', appId: 'a', secret: 'b', fetchImpl });
    expect(await client.getPhoneNumber('phone-x')).toEqual({ purePhoneNumber: '13900001111', countryCode: '86' });
    expect([tokens, exchanges]).toEqual([2, 2]);
  });
});

describe('booking a visit with a number or an address', () => {
  it('a phone visit keeps the number as the contact mobile; a home visit its address, encrypted', async () => {
    const { parent, phone, home } = await schoolWithSlots();
    await call(parent).visits.book({ slotId: phone.id, mobile: '13912345678' });
    expect((await call(parent).families.mine()).myMobileMasked).toBe('139****5678');
    const { visitId } = await call(parent).visits.book({
      slotId: home.id,
      address: '哈尔滨市南岗区学府路 12 号 3 单元',
    });
    const row = await app.db.visit.findUniqueOrThrow({ where: { id: visitId } });
    expect(row.addressEnc).toBeTruthy();
    expect(row.addressEnc).not.toContain('学府路');
  });

  it('refuses an address for a phone visit and a half-written one, in plain words', async () => {
    const { parent, phone, home, familyId } = await schoolWithSlots();
    await expect(
      call(parent).visits.book({ slotId: phone.id, address: '哈尔滨市南岗区学府路 12 号' }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: '只有入户家访需要填写家庭住址；电话、视频家访请不要填写住址',
    });
    await expect(call(parent).visits.book({ slotId: home.id, address: '南岗' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('请把家庭住址写完整'),
    });
    await expect(call(parent).visits.book({ slotId: home.id, mobile: '1381234' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('请填写正确的手机号'),
    });
    // Nothing was booked by the refused tries; without any number or address the booking still works.
    expect(await app.db.visit.count({ where: { familyId } })).toBe(0);
    await call(parent).visits.book({ slotId: home.id });
    expect(await app.db.visit.count({ where: { familyId } })).toBe(1);
  });

  it('a rescheduled home visit keeps its address', async () => {
    const { parent, home, teacher } = await schoolWithSlots();
    const { visitId } = await call(parent).visits.book({ slotId: home.id, address: '哈尔滨市道里区中央大街 8 号' });
    const window = await app.db.visitSlot.findUniqueOrThrow({ where: { id: home.id }, select: { windowId: true } });
    const later = await makeSlot(app.db, { windowId: window.windowId, teacherId: teacher.id, mode: 'HOME' });
    const moved = await call(parent).visits.reschedule({ visitId, slotId: later.id });
    expect((await call(teacher).visits.record({ visitId: moved.visitId })).address).toBe('哈尔滨市道里区中央大街 8 号');
  });
});

describe('who sees the number and the address', () => {
  it('the visiting teacher sees them masked, reveals them (audited); others are refused', async () => {
    const { school, parent, home, teacher, familyId } = await schoolWithSlots();
    await call(parent).families.setMobile({ mobile: '13812345678' });
    // The school's roster gave another guardian's number.
    await app.db.family.update({
      where: { id: familyId },
      data: {
        contactEnc: app.deps.cipher.encryptJson(
          { name: '王建国', relation: '父亲', phone: '13698765432' },
          `Family:${familyId}:contact`,
        ),
        contactMasked: maskContact({ name: '王建国', relation: '父亲', phone: '13698765432' }),
      },
    });
    const address = '哈尔滨市南岗区学府路 12 号 3 单元 501';
    const { visitId } = await call(parent).visits.book({ slotId: home.id, address });

    const record = await call(teacher).visits.record({ visitId });
    expect(record.contacts.map((c) => c.mobile)).toEqual(['138****5678', '136****5432']);
    expect(record.contacts[1].label).toBe('学校名册：王**（父亲）');
    expect(record.address).toBe(address);
    expect(await reveals(visitId)).toBe(0);

    const clear = await call(teacher).visits.revealContact({ visitId });
    expect(clear.contacts.map((c) => c.mobile)).toEqual(['13812345678', '13698765432']);
    expect(clear.contacts[1].label).toBe('学校名册：王建国（父亲）');
    expect(clear.address).toBe(address);
    const audit = await app.db.auditLog.findFirstOrThrow({ where: { action: 'contact.reveal', targetId: visitId } });
    expect(audit).toMatchObject({ actorUserId: teacher.id, targetType: 'Visit', orgUnitId: school.id });
    expect(JSON.stringify(audit.detail)).not.toContain('13812345678');

    // The school's counsellor reading the record sees the district only, and cannot reveal the numbers.
    const counsellor = await staff('COUNSELOR', school.id);
    const seen = await call(counsellor).visits.record({ visitId });
    expect(seen.address).toBe('哈尔滨市南岗区***');
    expect(seen.address).toBe(maskAddress(address));
    expect(seen.contacts.map((c) => c.mobile)).toEqual(['138****5678', '136****5432']);
    await expect(call(counsellor).visits.revealContact({ visitId })).rejects.toMatchObject({ code: 'FORBIDDEN' });

    // A teacher of the same school with another visit is refused; so is a teacher of another school.
    const colleague = await staff('TEACHER', school.id);
    await makeVisit(app.db, { orgUnitId: school.id, teacherId: colleague.id });
    await expect(call(colleague).visits.revealContact({ visitId })).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: '只有负责这次家访的老师可以查看家庭的完整号码和住址',
    });
    const elsewhere = await staff('TEACHER', (await makeUnit(app.db)).id);
    await expect(call(elsewhere).visits.revealContact({ visitId })).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: '超出您的管辖范围',
    });
    expect(await reveals(visitId)).toBe(1);

    // Once the family cancels, even the visiting teacher no longer gets them.
    await call(parent).visits.cancel({ visitId });
    await expect(call(teacher).visits.revealContact({ visitId })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await reveals(visitId)).toBe(1);
  });

  it("the school's counsellor reveals a referred family's number while the referral is open, audited", async () => {
    const school = await makeUnit(app.db);
    const { referralId, familyId } = await makeReferral(app, school.id);
    const guardian = await app.db.guardian.findFirstOrThrow({ where: { familyId }, select: { userId: true } });
    await call(await app.as(guardian.userId)).families.setMobile({ mobile: '15012345678' });
    const counsellor = await staff('COUNSELOR', school.id);

    const detail = await call(counsellor).referrals.get({ referralId });
    expect(detail.contacts.map((c) => c.mobile)).toEqual(['150****5678']);
    expect(JSON.stringify(detail)).not.toContain('15012345678');

    expect((await call(counsellor).referrals.revealContact({ referralId })).contacts.map((c) => c.mobile)).toEqual([
      '15012345678',
    ]);
    expect(await reveals(referralId)).toBe(1);

    const otherSchool = await staff('COUNSELOR', (await makeUnit(app.db)).id);
    await expect(call(otherSchool).referrals.revealContact({ referralId })).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: '超出您的管辖范围',
    });

    await call(counsellor).referrals.addAction({ referralId, action: 'CLOSED' });
    await expect(call(counsellor).referrals.revealContact({ referralId })).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: '这次转介已结束跟进，不能再查看家庭的完整号码',
    });
    expect(await reveals(referralId)).toBe(1);
  });
});

describe('the referral contact log and what the parent is told', () => {
  it('学校已联系上您 only after a 已联系上 action, not after an attempt or a note', async () => {
    const school = await makeUnit(app.db);
    const { referralId, familyId } = await makeReferral(app, school.id);
    const guardian = await app.db.guardian.findFirstOrThrow({ where: { familyId }, select: { userId: true } });
    const parent = await app.as(guardian.userId);
    const counsellor = await staff('COUNSELOR', school.id);
    const status = async () => {
      const [item] = await call(parent).checklists.myResponses();
      return item.referral!;
    };

    await call(counsellor).referrals.addAction({ referralId, action: 'NOTE', note: '家长电话可能是旧号码，明天再打' });
    await call(counsellor).referrals.addAction({ referralId, action: 'CONTACT_ATTEMPTED', note: '未接通' });
    let seen = await status();
    expect(seen.reachedAt).toBeNull();
    expect(seen.actions.map((a) => a.action)).toEqual(['CONTACT_ATTEMPTED']);
    expect(parentReferralStatus(seen.status, seen.reachedAt)).not.toContain('联系上');
    expect(JSON.stringify(seen)).not.toContain('旧号码');
    const result = await call(parent).checklists.getResponse({
      responseId: (await app.db.referral.findUniqueOrThrow({ where: { id: referralId } })).responseId!,
    });
    expect(result.referralReachedAt).toBeNull();

    await call(counsellor).referrals.addAction({ referralId, action: 'CONTACTED_FAMILY', note: '已与母亲通话' });
    seen = await status();
    expect(seen.reachedAt).not.toBeNull();
    expect(seen.actions.map((a) => a.action)).toEqual(['CONTACT_ATTEMPTED', 'CONTACTED_FAMILY']);
    expect(parentReferralStatus(seen.status, seen.reachedAt)).toContain('学校已联系上您');
  });
});
