import type { Db } from '../../db/create-db';
import type { Prisma } from '../../generated/prisma/client';
import type { FieldCipher } from '../../crypto/field-cipher';
import type { FamilyActor } from '../../auth/auth-user';
import { AppError } from '../../errors/app-error';
import type { SaveAnswerDraftInput } from '../../shared/checklists';
import { writeAudit } from '../audit/write-audit';
import { hasConsent } from '../consents/consents';
import { assertMayConsentForChildren, mayConsentForChildren } from '../families/caregivers';
import { parseDefinition } from './scoring';

/** A draft nobody came back to is deleted after this many days (the maintenance job). */
export const DRAFT_RETENTION_DAYS = 30;

/** The AES-GCM context binding a draft's ciphertext to its guardian, checklist and child. */
const draftContext = (key: { userId: string; checklistId: string; childId: string }) =>
  `ChecklistDraft:${key.userId}:${key.checklistId}:${key.childId}`;

interface StoredDraft {
  answers: Record<string, number>;
  step: number;
}

type Key = { checklistId: string; childId: string };

const draftKey = (actor: FamilyActor, input: Key) => ({
  userId_checklistId_childId: { userId: actor.id, checklistId: input.checklistId, childId: input.childId },
});

/**
 * Saves the answers so far (encrypted, as a submitted response is) so that the page opens on them again after a
 * reload or coming back. The same consent as submitting is needed: nothing about a child is kept without it.
 * Only the first save of a draft is audited (a save follows every answer).
 */
export async function saveAnswerDraft(opts: {
  db: Db;
  cipher: FieldCipher;
  actor: FamilyActor;
  input: SaveAnswerDraftInput;
}) {
  const { db, cipher, actor, input } = opts;
  await assertMayConsentForChildren(db, actor.id);
  if (!(await hasConsent(db, actor.id, 'sensitive:checklist')))
    throw new AppError('FORBIDDEN', '保存作答前，请先阅读并单独同意《敏感个人信息单独同意（心理预警清单）》');
  const [child, checklist] = await Promise.all([
    db.child.findFirst({ where: { id: input.childId, familyId: actor.familyId }, select: { id: true } }),
    db.checklist.findFirst({
      where: { id: input.checklistId, published: true },
      select: { id: true, items: true, scoring: true },
    }),
  ]);
  if (!child) throw new AppError('NOT_FOUND', '没有找到这个孩子（只能为自己家的孩子填写）');
  if (!checklist) throw new AppError('NOT_FOUND', '该清单不存在或已更新，请重新打开清单填写');
  const itemIds = new Set(parseDefinition(checklist).items.map((i) => i.id));
  if (Object.keys(input.answers).some((id) => !itemIds.has(id)))
    throw new AppError('BAD_REQUEST', '作答中有不属于这份清单的题目，请重新打开清单填写');
  const stored: StoredDraft = { answers: input.answers, step: Math.min(input.step, itemIds.size) };
  const key = { userId: actor.id, checklistId: checklist.id, childId: child.id };
  const answersEnc = cipher.encryptJson(stored, draftContext(key));
  const deleteAfter = new Date(Date.now() + DRAFT_RETENTION_DAYS * 86_400_000);
  await db.$transaction(async (tx) => {
    const existing = await tx.checklistDraft.findUnique({ where: draftKey(actor, input), select: { id: true } });
    if (existing) {
      await tx.checklistDraft.update({
        where: { id: existing.id },
        data: { answersEnc, deleteAfter },
        select: { id: true },
      });
      return;
    }
    const draft = await tx.checklistDraft.create({ data: { ...key, answersEnc, deleteAfter }, select: { id: true } });
    await writeAudit(tx, {
      actorUserId: actor.id,
      action: 'checklist.draftSave',
      targetType: 'ChecklistDraft',
      targetId: draft.id,
      detail: { checklistId: checklist.id },
    });
  });
  return { ok: true as const };
}

/** The caller's draft for this checklist and child, decrypted (the read audited), or null. */
export async function answerDraft(opts: { db: Db; cipher: FieldCipher; actor: FamilyActor; input: Key }) {
  const { db, cipher, actor, input } = opts;
  const draft = await db.checklistDraft.findUnique({
    where: draftKey(actor, input),
    select: {
      id: true,
      userId: true,
      checklistId: true,
      childId: true,
      answersEnc: true,
      updatedAt: true,
      deleteAfter: true,
    },
  });
  if (!draft || draft.deleteAfter.getTime() <= Date.now()) return null;
  // Kept only under the consent it was saved with (withdrawing it deletes drafts too; this is the belt).
  if (!(await mayConsentForChildren(db, actor.id)) || !(await hasConsent(db, actor.id, 'sensitive:checklist')))
    return null;
  await writeAudit(db, {
    actorUserId: actor.id,
    action: 'checklist.draftRead',
    targetType: 'ChecklistDraft',
    targetId: draft.id,
  });
  const stored = cipher.decryptJson<StoredDraft>(draft.answersEnc, draftContext(draft));
  return {
    answers: stored.answers as Record<string, 0 | 1 | 2>,
    step: stored.step,
    updatedAt: draft.updatedAt.toISOString(),
  };
}

/** The caller starts over: the draft goes. */
export async function discardAnswerDraft(opts: { db: Db; actor: FamilyActor; input: Key }) {
  const { db, actor, input } = opts;
  await db.checklistDraft.deleteMany({
    where: { userId: actor.id, checklistId: input.checklistId, childId: input.childId },
  });
  return { ok: true as const };
}

/** Every draft of a user (their consent withdrawn, their authorisation revoked), in the caller's transaction. */
export async function deleteDraftsOf(tx: Prisma.TransactionClient, userId: string): Promise<number> {
  return (await tx.checklistDraft.deleteMany({ where: { userId } })).count;
}

/** For the maintenance job: drafts past their day go. */
export async function purgeExpiredDrafts(db: Db, now = new Date()): Promise<{ deleted: number }> {
  const { count } = await db.checklistDraft.deleteMany({ where: { deleteAfter: { lte: now } } });
  return { deleted: count };
}
