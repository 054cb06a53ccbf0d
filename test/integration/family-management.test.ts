/**
 * Parents manage their family (issue 16 part 8): add a second child in a class of the school's class list,
 * correct a child they named, ask the school to correct a rostered child (the coordinator closes it), leave
 * the family, delete the account (all or nothing; the token stops working; a household left with nobody and on
 * no roster goes with its children's data), and checklist answers kept as a draft until submitted.
 */
import { createTestApp, listen, callHttp, type TestApp } from '../helpers/test-app';
import {
  checklistAnswers,
  consentingParent,
  makeFamily,
  makeInvite,
  makeReferral,
  makeRosterFamily,
  makeSession,
  makeSlot,
  makeStaff,
  makeUnit,
  makeWechatUser,
  makeWindow,
  publishedChecklists,
  sessionInput,
  signedInParent,
  inHours,
} from '../helpers/builders';

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp();
});
afterAll(() => app.close());

const audits = (actorUserId: string, action: string) => app.db.auditLog.count({ where: { actorUserId, action } });

describe('children: add, correct, remove', () => {
  it('families.classOptions lists the roster’s classes and the class invites, each once, in order', async () => {
    const school = await makeUnit(app.db);
    await makeRosterFamily(app.db, school.id); // 三年级（1）班
    await makeInvite(app.db, school.id, { kind: 'CLASS', grade: 'G3', className: '三年级（1）班' });
    await makeInvite(app.db, school.id, { kind: 'CLASS', grade: 'G3', className: '三年级（10）班' });
    await makeInvite(app.db, school.id, { kind: 'CLASS', grade: 'G3', className: '三年级（2）班' });
    await makeInvite(app.db, school.id, { kind: 'CLASS', grade: 'G1', className: '一年级（1）班' });
    const parent = await signedInParent(app, school.id);
    const options = await app.caller(parent.user).families.classOptions();
    expect(options.schoolName).toBe(school.name);
    expect(options.classes.map((c) => c.className)).toEqual([
      '一年级（1）班',
      '三年级（1）班',
      '三年级（2）班',
      '三年级（10）班',
    ]);
    expect(options.classes[0]).toEqual({ grade: 'G1', gradeLabel: '一年级', className: '一年级（1）班' });
  });

  it('a guardian adds a second child in a class picked from the list; a class not on it is refused', async () => {
    const school = await makeUnit(app.db);
    await makeInvite(app.db, school.id, { kind: 'CLASS', grade: 'G1', className: '一年级（2）班' });
    const parent = await signedInParent(app, school.id);
    const added = await app
      .caller(parent.user)
      .families.addChild({ name: '李小二', grade: 'G1', className: '一年级（2）班' });
    expect(added).toMatchObject({ familyId: parent.familyId, rosterHousehold: false });
    const mine = await app.caller(parent.user).families.mine();
    expect(mine.children.map((c) => [c.name, c.gradeLabel, c.className, c.rostered])).toEqual([
      [expect.any(String), '四年级', null, false],
      ['李小二', '一年级', '一年级（2）班', false],
    ]);
    expect(await audits(parent.userId, 'family.addChild')).toBe(1);

    // A class the school does not have, or a typed one, is not taken: the list says which there are.
    await expect(
      app.caller(parent.user).families.addChild({ name: '李小三', grade: 'G1', className: '一年级（9）班' }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('一年级（2）班') });
    await expect(
      app.caller(parent.user).families.addChild({ name: '李小三', grade: 'G5', className: '五年级（1）班' }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('没有五年级的班级') });
    // No class at all is fine (the grandmother does not know it yet); the same name twice is not.
    await app.caller(parent.user).families.addChild({ name: '李小三', grade: 'K2' });
    await expect(app.caller(parent.user).families.addChild({ name: '李小二', grade: 'G1' })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: '家里已经登记了名叫“李小二”的孩子',
    });
    expect(await app.db.child.count({ where: { familyId: parent.familyId } })).toBe(3);
  });

  it('a school without a class list takes the class as written, in its one spelling', async () => {
    const school = await makeUnit(app.db);
    const parent = await signedInParent(app, school.id);
    await app.caller(parent.user).families.addChild({ name: '周周', grade: 'G2', className: '2班' });
    expect(
      await app.db.child.findFirstOrThrow({
        where: { familyId: parent.familyId, name: '周周' },
        select: { className: true },
      }),
    ).toEqual({ className: '二年级（2）班' });
  });

  it('a child added in a class whose roster names it links the family to that roster household', async () => {
    const school = await makeUnit(app.db);
    const roster = await makeRosterFamily(app.db, school.id, { name: '王在册' });
    const parent = await signedInParent(app, school.id);
    const added = await app
      .caller(parent.user)
      .families.addChild({ name: '王在册', grade: 'G3', className: '三年级（1）班' });
    expect(added).toEqual({ childId: roster.childId, familyId: roster.familyId, rosterHousehold: true });
    // The joined family became the roster household: its first child came along, nothing is counted twice.
    expect(await app.db.family.count({ where: { id: parent.familyId } })).toBe(0);
    const mine = await app.caller(await app.as(parent.userId)).families.mine();
    expect(mine.id).toBe(roster.familyId);
    expect(mine.children.find((c) => c.name === '王在册')).toMatchObject({ rostered: true });
  });

  it('a guardian corrects the name, grade and class of a child they named; audited', async () => {
    const school = await makeUnit(app.db);
    await makeInvite(app.db, school.id, { kind: 'CLASS', grade: 'G5', className: '五年级（3）班' });
    const parent = await signedInParent(app, school.id);
    const child = await app.db.child.findFirstOrThrow({ where: { familyId: parent.familyId }, select: { id: true } });
    await app
      .caller(parent.user)
      .families.updateChild({ childId: child.id, name: '张改名', grade: 'G5', className: '五年级（3）班' });
    expect(
      await app.db.child.findUniqueOrThrow({
        where: { id: child.id },
        select: { name: true, grade: true, className: true },
      }),
    ).toEqual({ name: '张改名', grade: 'G5', className: '五年级（3）班' });
    const audit = await app.db.auditLog.findFirstOrThrow({
      where: { actorUserId: parent.userId, action: 'family.updateChild' },
      select: { targetId: true, detail: true },
    });
    expect(audit).toEqual({ targetId: child.id, detail: { name: true, grade: true, className: true } });
    // The audit row names what changed, not the names themselves.
    expect(JSON.stringify(audit)).not.toContain('张改名');

    // Another family's child is not the caller's to change, nor to remove.
    const other = await makeFamily(app.db, school.id);
    const theirs = await app.db.child.findFirstOrThrow({ where: { familyId: other.familyId }, select: { id: true } });
    await expect(
      app.caller(parent.user).families.updateChild({ childId: theirs.id, name: '偷改', grade: 'G1' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(app.caller(parent.user).families.removeChild({ childId: theirs.id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    // A staff member is not a guardian of it either.
    const coordinator = await app.as((await makeStaff(app.db, 'COORDINATOR', school.id)).id);
    await expect(
      app.caller(coordinator).families.updateChild({ childId: theirs.id, name: '偷改', grade: 'G1' }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await app.db.child.findUniqueOrThrow({ where: { id: theirs.id }, select: { name: true } })).not.toEqual({
      name: '偷改',
    });
  });

  it('a rostered child keeps the school’s record: a correction is asked for, and the coordinator closes it', async () => {
    const school = await makeUnit(app.db);
    await makeInvite(app.db, school.id, { kind: 'CLASS', grade: 'G3', className: '三年级（2）班' });
    const roster = await makeRosterFamily(app.db, school.id, { name: '刘错字' });
    const grandma = await makeWechatUser(app.db);
    await app.db.guardian.create({ data: { familyId: roster.familyId, userId: grandma.id, relation: 'GRANDPARENT' } });
    const parent = await app.as(grandma.id);

    // Not overwritten: a clear 409, and the record as it was.
    await expect(
      app.caller(parent).families.updateChild({ childId: roster.childId, name: '刘正字', grade: 'G3' }),
    ).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('申请更正') });
    await expect(app.caller(parent).families.removeChild({ childId: roster.childId })).rejects.toMatchObject({
      code: 'CONFLICT',
    });

    await app.caller(parent).families.requestChildCorrection({
      childId: roster.childId,
      name: '刘正字',
      grade: 'G3',
      className: '三年级（2）班',
      note: '孩子上学期已换到二班',
    });
    expect(
      await app.db.child.findUniqueOrThrow({ where: { id: roster.childId }, select: { name: true, className: true } }),
    ).toEqual({ name: '刘错字', className: '三年级（1）班' });
    const asked = (await app.caller(parent).families.mine()).children[0];
    expect(asked.correction).toMatchObject({ status: 'OPEN', statusLabel: '已申请更正，等待学校核对' });
    expect(asked.correction?.asked).toBe('姓名“刘正字”、三年级（2）班');
    expect(await audits(grandma.id, 'family.requestChildCorrection')).toBe(1);

    // Asking the same as the roster says is refused in words; asking again replaces the open request.
    await expect(
      app.caller(parent).families.requestChildCorrection({
        childId: roster.childId,
        name: '刘错字',
        grade: 'G3',
        className: '三年级（1）班',
      }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await app.caller(parent).families.requestChildCorrection({
      childId: roster.childId,
      name: '刘正字',
      grade: 'G3',
      className: '三年级（1）班',
    });

    const coordinator = await app.as((await makeStaff(app.db, 'COORDINATOR', school.id)).id);
    const open = await app.caller(coordinator).rosters.corrections({ schoolId: school.id });
    expect(open).toEqual([
      expect.objectContaining({
        childId: roster.childId,
        roster: { name: '刘错字', gradeLabel: '三年级', className: '三年级（1）班', left: false },
        requested: { name: '刘正字', gradeLabel: null, className: null },
        requestedBy: '测试家长（祖父母 / 外祖父母）',
      }),
    ]);
    // Another school's coordinator does not see it, nor close it.
    const elsewhere = await app.as((await makeStaff(app.db, 'COORDINATOR', (await makeUnit(app.db)).id)).id);
    await expect(
      app.caller(elsewhere).rosters.closeCorrection({ correctionId: open[0].correctionId, outcome: 'DONE' }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });

    await app.caller(coordinator).rosters.closeCorrection({ correctionId: open[0].correctionId, outcome: 'DONE' });
    expect(await app.caller(coordinator).rosters.corrections({ schoolId: school.id })).toEqual([]);
    expect((await app.caller(parent).families.mine()).children[0].correction).toMatchObject({
      status: 'DONE',
      statusLabel: '学校已处理：已在名册中改正',
    });
    await expect(
      app.caller(coordinator).rosters.closeCorrection({ correctionId: open[0].correctionId, outcome: 'DONE' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await audits(coordinator.id, 'roster.closeCorrection')).toBe(1);

    // A child the parent named has no roster record to ask about: they correct it themselves.
    const named = await app.caller(parent).families.addChild({ name: '刘小妹', grade: 'K1' });
    await expect(
      app.caller(parent).families.requestChildCorrection({ childId: named.childId, name: '刘小妹妹', grade: 'K1' }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('families.join with a class code and another grade says so instead of overriding the grade', async () => {
    const school = await makeUnit(app.db);
    const code = await makeInvite(app.db, school.id, { kind: 'CLASS', grade: 'G3', className: '三年级（1）班' });
    const user = await makeWechatUser(app.db);
    await expect(
      app
        .caller(await app.as(user.id))
        .families.join({ inviteCode: code, relation: 'GRANDPARENT', child: { name: '年级错', grade: 'G4' } }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringMatching(/^这是三年级（1）班的班级邀请码，请把孩子的年级选为“三年级”/),
    });
    expect(await app.db.guardian.count({ where: { userId: user.id } })).toBe(0);
    // Not an unusable code: no failure counted towards the lockout.
    expect(await audits(user.id, 'family.joinFailed')).toBe(0);
    await app
      .caller(await app.as(user.id))
      .families.join({ inviteCode: code, relation: 'GRANDPARENT', child: { name: '年级错', grade: 'G3' } });
    expect(
      await app.db.child.findFirstOrThrow({
        where: { name: '年级错', schoolId: school.id },
        select: { grade: true, className: true },
      }),
    ).toEqual({ grade: 'G3', className: '三年级（1）班' });
  });
});

describe('leaving the family', () => {
  it('a guardian leaves while another stays: their answers go, the children stay, the other is told', async () => {
    const school = await makeUnit(app.db);
    const f = await consentingParent(app, school.id, { guardians: 2 });
    const { crisis } = await publishedChecklists(app.db);
    await app.caller(f.user).checklists.submit({
      checklistId: crisis,
      childId: f.childId,
      answers: await checklistAnswers(app.db, crisis),
      shareWithSchool: false,
    });
    await app.caller(f.user).families.inviteGuardian();
    await app.caller(f.user).families.leave();

    const me = await app.as(f.userId);
    expect(me.familyId).toBeNull();
    await expect(app.caller(me).families.mine()).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await app.db.checklistResponse.count({ where: { submittedById: f.userId } })).toBe(0);
    expect(await app.db.child.count({ where: { familyId: f.familyId } })).toBe(1);
    // Their unused invitation no longer lets anyone in; their checklist consent was for these children.
    expect(await app.db.inviteCode.count({ where: { familyId: f.familyId, disabled: false, usedAt: null } })).toBe(0);
    expect(
      await app.db.consent.count({ where: { userId: f.userId, scope: 'sensitive:checklist', withdrawnAt: null } }),
    ).toBe(0);
    const father = f.userIds[1];
    expect(
      await app.db.notification.count({
        where: { userId: father, dedupeKey: { startsWith: `guardian-left:${f.familyId}` } },
      }),
    ).toBe(1);
    expect(await audits(f.userId, 'family.leave')).toBe(1);
    expect((await app.caller(await app.as(father)).families.mine()).guardians).toHaveLength(1);
  });

  it('the only guardian cannot leave (deleting the account is the way out)', async () => {
    const f = await signedInParent(app, (await makeUnit(app.db)).id);
    await expect(app.caller(f.user).families.leave()).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('注销账号'),
    });
    expect(await app.db.guardian.count({ where: { familyId: f.familyId } })).toBe(1);
  });
});

describe('deleting the account', () => {
  it('the last guardian of a household on no roster: it goes with its children, answers and places', async () => {
    const school = await makeUnit(app.db);
    const { familyId, referralId, responseId } = await makeReferral(app, school.id);
    const mother = await app.db.guardian.findFirstOrThrow({ where: { familyId }, select: { userId: true } });
    const user = await app.as(mother.userId);
    // A full session: this family holds a seat, another waits for one.
    const session = await makeSession(
      app,
      sessionInput(school.id, { capacity: 1, startsAt: inHours(30), endsAt: inHours(32) }),
    );
    await app.caller(user).sessions.register({ sessionId: session.id });
    const waiting = await signedInParent(app, school.id);
    expect(await app.caller(waiting.user).sessions.register({ sessionId: session.id })).toEqual({
      status: 'WAITLISTED',
    });
    // A home visit booked, with an address the teacher wrote down.
    const teacher = await makeStaff(app.db, 'TEACHER', school.id);
    const window = await makeWindow(app.db, school.id);
    const slot = await makeSlot(app.db, { windowId: window.id, teacherId: teacher.id });
    await app.caller(user).visits.book({ slotId: slot.id });

    const http = await listen(app);
    try {
      const token = await app.tokenFor(mother.userId);
      expect((await callHttp(http.url, 'auth.me', { token })).status).toBe(200);
      const res = await callHttp(http.url, 'auth.deleteAccount', { method: 'POST', token });
      expect(res.status).toBe(200);
      // The token no longer works, for anything.
      expect((await callHttp(http.url, 'auth.me', { token })).status).toBe(401);
      expect((await callHttp(http.url, 'families.mine', { token })).status).toBe(401);
    } finally {
      await http.close();
    }
    expect(await app.db.family.count({ where: { id: familyId } })).toBe(0);
    expect(await app.db.child.count({ where: { familyId } })).toBe(0);
    expect(await app.db.checklistResponse.count({ where: { id: responseId } })).toBe(0);
    expect(await app.db.visit.count({ where: { familyId } })).toBe(0);
    expect(await app.db.registration.count({ where: { familyId } })).toBe(0);
    // The counsellor keeps their own notes, marked as deleted by the parent.
    expect(
      await app.db.referral.findUniqueOrThrow({ where: { id: referralId }, select: { responseId: true } }),
    ).toEqual({ responseId: null });
    // The seat went to the family that was waiting.
    expect(
      await app.db.registration.findFirstOrThrow({
        where: { sessionId: session.id, familyId: waiting.familyId },
        select: { status: true },
      }),
    ).toEqual({ status: 'CONFIRMED' });
    expect(
      await app.db.guidanceSession.findUniqueOrThrow({
        where: { id: session.id },
        select: { confirmedCount: true, waitlistedCount: true },
      }),
    ).toEqual({ confirmedCount: 1, waitlistedCount: 0 });
    // Nothing left that names the person.
    expect(
      await app.db.user.findUniqueOrThrow({
        where: { id: mother.userId },
        select: { openid: true, displayName: true, disabled: true },
      }),
    ).toEqual({ openid: null, displayName: '已注销用户', disabled: true });
    expect(await app.db.consent.count({ where: { userId: mother.userId } })).toBe(0);
    expect(await app.db.authSession.count({ where: { userId: mother.userId } })).toBe(0);
    const audit = await app.db.auditLog.findFirstOrThrow({
      where: { actorUserId: mother.userId, action: 'user.deleteAccount' },
      select: { detail: true },
    });
    expect(audit.detail).toMatchObject({ family: 'removed', childrenRemoved: 1, seatsReleased: 1 });
  });

  it('the last guardian of a roster household: the school’s record stays, what the parent added goes', async () => {
    const school = await makeUnit(app.db);
    const roster = await makeRosterFamily(app.db, school.id);
    const user = await makeWechatUser(app.db);
    await app.db.guardian.create({ data: { familyId: roster.familyId, userId: user.id, relation: 'MOTHER' } });
    const parent = await app.as(user.id);
    const sibling = await app.caller(parent).families.addChild({ name: '家长登记的', grade: 'K3' });
    const text = (await app.caller(parent).consents.current()).find((t) => t.scope === 'sensitive:checklist')!;
    await app.caller(parent).consents.grant({ scope: 'sensitive:checklist', textVersion: text.textVersion });
    const { crisis } = await publishedChecklists(app.db);
    await app.caller(parent).checklists.saveAnswerDraft({
      checklistId: crisis,
      childId: roster.childId,
      answers: { c01: 0 },
      step: 1,
    });
    await app.caller(parent).checklists.submit({
      checklistId: crisis,
      childId: roster.childId,
      answers: await checklistAnswers(app.db, crisis),
      shareWithSchool: false,
    });
    await app.caller(parent).checklists.saveAnswerDraft({
      checklistId: crisis,
      childId: roster.childId,
      answers: { c01: 1 },
      step: 1,
    });

    await app.caller(parent).auth.deleteAccount();
    expect(await app.db.family.count({ where: { id: roster.familyId } })).toBe(1);
    expect(await app.db.child.findMany({ where: { familyId: roster.familyId }, select: { id: true } })).toEqual([
      { id: roster.childId },
    ]);
    expect(await app.db.child.count({ where: { id: sibling.childId } })).toBe(0);
    expect(await app.db.checklistResponse.count({ where: { familyId: roster.familyId } })).toBe(0);
    expect(await app.db.checklistDraft.count({ where: { userId: user.id } })).toBe(0);
    expect(await app.db.guardian.count({ where: { familyId: roster.familyId } })).toBe(0);
  });

  it('is all or nothing: a failure on the last write leaves the account, the family and the token as they were', async () => {
    const school = await makeUnit(app.db);
    const f = await signedInParent(app, school.id);
    const token = await app.tokenFor(f.userId);
    // The last write of the transaction (its audit row) fails, for this user only (other files run alongside).
    await app.db.$executeRawUnsafe(
      `ALTER TABLE "AuditLog" ADD CONSTRAINT audit_block_delete_account
         CHECK (action <> 'user.deleteAccount' OR "targetId" IS DISTINCT FROM '${f.userId}') NOT VALID`,
    );
    try {
      await expect(app.caller(f.user).auth.deleteAccount()).rejects.toBeDefined();
    } finally {
      await app.db.$executeRawUnsafe(`ALTER TABLE "AuditLog" DROP CONSTRAINT audit_block_delete_account`);
    }
    expect(await app.db.family.count({ where: { id: f.familyId } })).toBe(1);
    expect(await app.db.guardian.count({ where: { userId: f.userId } })).toBe(1);
    expect(await app.db.child.count({ where: { familyId: f.familyId } })).toBe(1);
    expect(await app.db.consent.count({ where: { userId: f.userId } })).toBeGreaterThan(0);
    const http = await listen(app);
    try {
      expect((await callHttp(http.url, 'auth.me', { token })).status).toBe(200);
    } finally {
      await http.close();
    }
  });
});

describe('checklist answers kept as a draft', () => {
  it('saved encrypted, read back by its guardian only, deleted on submit', async () => {
    const school = await makeUnit(app.db);
    const f = await consentingParent(app, school.id, { guardians: 2 });
    const { crisis } = await publishedChecklists(app.db);
    const key = { checklistId: crisis, childId: f.childId };
    expect(await app.caller(f.user).checklists.answerDraft(key)).toBeNull();
    await app.caller(f.user).checklists.saveAnswerDraft({ ...key, answers: { c01: 0, c02: 1 }, step: 2 });
    await app.caller(f.user).checklists.saveAnswerDraft({ ...key, answers: { c01: 0, c02: 1, c03: 2 }, step: 3 });
    const stored = await app.db.checklistDraft.findFirstOrThrow({
      where: { userId: f.userId },
      select: { answersEnc: true },
    });
    expect(stored.answersEnc).not.toContain('c02');
    expect(await app.caller(f.user).checklists.answerDraft(key)).toMatchObject({
      answers: { c01: 0, c02: 1, c03: 2 },
      step: 3,
    });
    // Saved once (audited once), read once (audited).
    expect(await audits(f.userId, 'checklist.draftSave')).toBe(1);
    expect(await audits(f.userId, 'checklist.draftRead')).toBe(1);
    // The other guardian of the family does not see it.
    expect(await app.caller(await app.as(f.userIds[1])).checklists.answerDraft(key)).toBeNull();
    // Items of another checklist are refused.
    await expect(
      app.caller(f.user).checklists.saveAnswerDraft({ ...key, answers: { psc01: 1 }, step: 1 }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });

    await app.caller(f.user).checklists.submit({
      ...key,
      answers: await checklistAnswers(app.db, crisis),
      shareWithSchool: false,
    });
    expect(await app.caller(f.user).checklists.answerDraft(key)).toBeNull();
    expect(await app.db.checklistDraft.count({ where: { userId: f.userId } })).toBe(0);
  });

  it('needs the separate consent; withdrawing it, or starting over, deletes the draft', async () => {
    const school = await makeUnit(app.db);
    const { crisis } = await publishedChecklists(app.db);
    const without = await signedInParent(app, school.id);
    const child = await app.db.child.findFirstOrThrow({ where: { familyId: without.familyId }, select: { id: true } });
    await expect(
      app
        .caller(without.user)
        .checklists.saveAnswerDraft({ checklistId: crisis, childId: child.id, answers: {}, step: 0 }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });

    const f = await consentingParent(app, school.id);
    const key = { checklistId: crisis, childId: f.childId };
    await app.caller(f.user).checklists.saveAnswerDraft({ ...key, answers: { c01: 1 }, step: 1 });
    await app.caller(f.user).checklists.discardAnswerDraft(key);
    expect(await app.caller(f.user).checklists.answerDraft(key)).toBeNull();
    await app.caller(f.user).checklists.saveAnswerDraft({ ...key, answers: { c01: 1 }, step: 1 });
    await app.caller(f.user).consents.withdraw({ scope: 'sensitive:checklist' });
    expect(await app.db.checklistDraft.count({ where: { userId: f.userId } })).toBe(0);
    // Another family's child: not found.
    const other = await makeFamily(app.db, school.id);
    const theirs = await app.db.child.findFirstOrThrow({ where: { familyId: other.familyId }, select: { id: true } });
    const g = await consentingParent(app, school.id);
    await expect(
      app.caller(g.user).checklists.saveAnswerDraft({ checklistId: crisis, childId: theirs.id, answers: {}, step: 0 }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('checklists.list marks the danger signs', async () => {
    const parent = await signedInParent(app, (await makeUnit(app.db)).id);
    const lists = await app.caller(parent.user).checklists.list();
    const crisis = lists.find((c) => c.code === 'crisis-signs')!;
    expect(crisis.items.filter((i) => i.critical).map((i) => i.id)).toEqual(['c01', 'c02', 'c03', 'c04']);
    expect(lists.find((c) => c.code === 'psc-17')!.items.some((i) => i.critical)).toBe(false);
  });
});

describe('预约家访 opens where there are slots', () => {
  it('visits.familyWindows says how many slots the family could book in each window', async () => {
    const school = await makeUnit(app.db);
    const parent = await signedInParent(app, school.id);
    const teacher = await makeStaff(app.db, 'TEACHER', school.id);
    await makeWindow(app.db, school.id, { title: '空的窗口' });
    const full = await makeWindow(app.db, school.id, { title: '有时段的窗口' });
    await makeSlot(app.db, { windowId: full.id, teacherId: teacher.id });
    await makeSlot(app.db, {
      windowId: full.id,
      teacherId: teacher.id,
      startsAt: new Date(Date.now() + 5 * 86_400_000),
    });
    const windows = await app.caller(parent.user).visits.familyWindows();
    expect(windows.map((w) => [w.title, w.openSlots])).toEqual([
      ['空的窗口', 0],
      ['有时段的窗口', 2],
    ]);
  });
});
