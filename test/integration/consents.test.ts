import { createTestApp, type TestApp } from '../helpers/test-app';
import { unchecked } from '../helpers/router-types';
import { makeCounty, makeStaff, makeWechatUser } from '../helpers/builders';

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp();
});
afterAll(() => app.close());

describe('consents', () => {
  it('lists the texts in force to anyone, with the separate consent for checklist data', async () => {
    const texts = await app.caller(null).consents.current();
    expect(texts.map((t) => t.scope).sort()).toEqual(['privacy:basic', 'sensitive:checklist', 'staff:confidentiality']);
    const sensitive = texts.find((t) => t.scope === 'sensitive:checklist')!;
    expect(sensitive.title).toMatch(/单独同意/);
    expect(sensitive.text).toMatch(/敏感个人信息/);
  });

  it('records a grant with its text version and time, and a withdrawal', async () => {
    const user = await app.as((await makeWechatUser(app.db, { privacy: false })).id);
    const { textVersion } = (await app.caller(null).consents.current()).find((t) => t.scope === 'sensitive:checklist')!;
    await app.caller(user).consents.grant({ scope: 'sensitive:checklist', textVersion });
    await app.caller(user).consents.grant({ scope: 'sensitive:checklist', textVersion });
    const rows = await app.db.consent.findMany({
      where: { userId: user.id },
      select: { scope: true, textVersion: true, grantedAt: true, withdrawnAt: true },
    });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ scope: 'sensitive:checklist', textVersion, withdrawnAt: null });
    expect(Date.now() - rows[0].grantedAt.getTime()).toBeLessThan(60_000);

    expect(await app.caller(user).consents.mine()).toEqual([
      expect.objectContaining({ scope: 'sensitive:checklist', textVersion, current: true }),
    ]);
    await app.caller(user).consents.withdraw({ scope: 'sensitive:checklist' });
    expect(await app.caller(user).consents.mine()).toEqual([]);
    const after = await app.db.consent.findFirstOrThrow({ where: { userId: user.id }, select: { withdrawnAt: true } });
    expect(after.withdrawnAt).not.toBeNull();
    const audit = await app.db.auditLog.findMany({
      where: { actorUserId: user.id },
      select: { action: true },
      orderBy: { id: 'asc' },
    });
    expect(audit.map((a) => a.action)).toEqual(['consent.grant', 'consent.withdraw']);
  });

  it('records the staff confidentiality terms for a work account, and refuses them to a parent', async () => {
    const county = await makeCounty(app.db);
    const teacher = await app.as((await makeStaff(app.db, 'TEACHER', county.id)).id);
    const terms = (await app.caller(null).consents.current()).find((t) => t.scope === 'staff:confidentiality')!;
    expect(terms.title).toBe('工作人员保密承诺');
    expect(terms.text).toMatch(/保密/);
    await app.caller(teacher).consents.grant({ scope: 'staff:confidentiality', textVersion: terms.textVersion });
    expect(await app.caller(teacher).consents.mine()).toEqual([
      expect.objectContaining({ scope: 'staff:confidentiality', current: true }),
    ]);

    const parent = await app.as((await makeWechatUser(app.db)).id);
    await expect(
      app.caller(parent).consents.grant({ scope: 'staff:confidentiality', textVersion: terms.textVersion }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN', message: '保密承诺只由学校、妇联、关工委的工作人员签署' });
  });

  it('refuses consent to an outdated text version with 409', async () => {
    const user = await app.as((await makeWechatUser(app.db)).id);
    await expect(
      app.caller(user).consents.grant({ scope: 'privacy:basic', textVersion: '2001-01' }),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
      message: '授权文本已更新，请重新阅读后再同意',
    });
  });

  it('refuses an unknown scope with 400', async () => {
    const user = await app.as((await makeWechatUser(app.db)).id);
    await expect(
      app.caller(user).consents.grant({ scope: unchecked('everything'), textVersion: '2026-11' }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('the audit log is append-only', async () => {
    await expect(app.db.$executeRawUnsafe(`DELETE FROM "AuditLog"`)).rejects.toThrow(/append-only/);
    await expect(app.db.$executeRawUnsafe(`UPDATE "AuditLog" SET action = 'x'`)).rejects.toThrow(/append-only/);
  });
});
