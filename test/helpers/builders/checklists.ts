/** Checklists, answers and referrals. */
import { randomUUID } from 'node:crypto';
import type { Db } from '../../../server/db/create-db';
import { seedDemoChecklists } from '../../../prisma/seed/demo-checklists';
import type { TestApp } from '../test-app';
import type { RouterInputs } from '../router-types';
import { makeFamily } from './families';

export type Answer = 0 | 1 | 2;
export type Answers = Record<string, Answer>;

/** The published demo checklists (loaded first if missing; loading is idempotent), by code. */
export async function publishedChecklists(db: Db) {
  await seedDemoChecklists(db);
  const byCode = async (code: string) =>
    (await db.checklist.findFirstOrThrow({ where: { code, published: true }, select: { id: true } })).id;
  return {
    psc: await byCode('psc-17'),
    crisis: await byCode('crisis-signs'),
    university: await byCode('crisis-signs-university'),
  };
}

/** An answer of 0 ("never") to every item, then the answers in `set`. */
export function answersFor(itemIds: readonly string[], set: Answers = {}): Answers {
  return { ...Object.fromEntries(itemIds.map((id) => [id, 0 as Answer])), ...set };
}

/** answersFor() the items of a stored checklist. */
export async function checklistAnswers(db: Db, checklistId: string, set: Answers = {}): Promise<Answers> {
  const row = await db.checklist.findUniqueOrThrow({ where: { id: checklistId }, select: { items: true } });
  return answersFor(
    (row.items as { id: string }[]).map((i) => i.id),
    set,
  );
}

/** A valid checklists.saveDraft input with a code of its own (one item, no scoring rules). */
export function checklistDraft(): RouterInputs['checklists']['saveDraft'] {
  return {
    code: `test-${randomUUID().slice(0, 8)}`,
    title: '测试清单',
    stage: 'ANY',
    intro: '测试用清单',
    items: [{ id: 'a1', text: '测试题目' }],
    scoring: {},
  };
}

/**
 * An open URGENT referral at the school, due tomorrow: a new family's crisis-signs response shared with the
 * school (answers encrypted with the app's cipher, as the server stores them), written with Prisma.
 */
export async function makeReferral(app: TestApp, schoolId: string, of?: { familyId: string; userId: string }) {
  const { crisis } = await publishedChecklists(app.db);
  const { familyId, userId } = of ?? (await makeFamily(app.db, schoolId));
  const child = await app.db.child.findFirstOrThrow({ where: { familyId }, select: { id: true, grade: true } });
  const responseId = randomUUID();
  const answersEnc = app.deps.cipher.encryptJson({ answers: {} }, `ChecklistResponse:${responseId}`);
  const tomorrow = new Date(Date.now() + 86_400_000);
  await app.db.checklistResponse.create({
    data: {
      id: responseId,
      checklistId: crisis,
      childId: child.id,
      familyId,
      submittedById: userId,
      tier: 'URGENT',
      answersEnc,
      sharedWithSchool: true,
      deleteAfter: tomorrow,
    },
  });
  const referral = await app.db.referral.create({
    data: { responseId, schoolId, childGrade: child.grade, tier: 'URGENT', ackDeadline: tomorrow },
    select: { id: true },
  });
  return { referralId: referral.id, responseId, familyId };
}
