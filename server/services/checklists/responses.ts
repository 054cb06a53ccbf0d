import type { Db } from '../../db/create-db';
import type { Prisma } from '../../generated/prisma/client';
import type { Env } from '../../env';
import type { FieldCipher } from '../../crypto/field-cipher';
import type { FamilyActor } from '../../auth/auth-user';
import { AppError } from '../../errors/app-error';
import {
  answerLabel,
  isParentVisibleAction,
  type ParentReferralAction,
  type ReferralActionKind,
} from '../../shared/checklists';
import { writeAudit } from '../audit/write-audit';
import { adviceFor, cityOfPath, hotlinesFor } from './advice';
import { loadCityHotlines } from '../help/city-hotlines';
import { parseDefinition } from './scoring';
import { responseContext, type StoredAnswers } from './submit-checklist';
import { deleteDraftsOf } from './answer-drafts';

const notFound = () => new AppError('NOT_FOUND', '记录不存在或已删除');

/**
 * The responses a guardian may see: their own, and those another guardian of the family chose to share
 * within the family. The submitter owns the answers.
 */
const visibleTo = (actor: FamilyActor) => ({
  familyId: actor.familyId,
  OR: [{ submittedById: actor.id }, { sharedWithFamily: true }],
});

/**
 * Deletes the responses matching `where` in the caller's transaction: every deletion (by the parent, with
 * a withdrawn consent, a removed child, a deleted account, the retention job) goes through here. Each
 * referral made from them stays with the counsellor's own notes, marked as deleted (the answers are gone).
 */
export async function deleteResponsesWhere(
  tx: Prisma.TransactionClient,
  where: Prisma.ChecklistResponseWhereInput,
  at = new Date(),
): Promise<number> {
  await tx.referral.updateMany({ where: { response: where }, data: { responseDeletedAt: at } });
  const { count } = await tx.checklistResponse.deleteMany({ where });
  return count;
}

/** Deletes responses the actor submitted (all of them, or those of `ids`). */
function deleteOwnResponses(tx: Prisma.TransactionClient, actor: FamilyActor, ids?: string[]) {
  return deleteResponsesWhere(tx, {
    familyId: actor.familyId,
    submittedById: actor.id,
    ...(ids ? { id: { in: ids } } : {}),
  });
}

/**
 * The family's responses, newest first: tier, date, checklist, child and the referral's status.
 * Nothing is decrypted here.
 */
export async function myResponses(opts: { db: Db; actor: FamilyActor }) {
  const { db } = opts;
  const rows = await db.checklistResponse.findMany({
    where: visibleTo(opts.actor),
    orderBy: { createdAt: 'desc' },
    take: 200,
    select: {
      id: true,
      tier: true,
      createdAt: true,
      sharedWithSchool: true,
      checklist: { select: { id: true, title: true, version: true } },
      child: { select: { id: true, name: true } },
      referral: {
        select: {
          status: true,
          ackDeadline: true,
          acknowledgedAt: true,
          closedAt: true,
          actions: { select: { action: true, at: true }, orderBy: { at: 'asc' } },
        },
      },
    },
  });
  return rows.map((r) => ({
    id: r.id,
    tier: r.tier,
    createdAt: r.createdAt.toISOString(),
    checklistId: r.checklist.id,
    checklistTitle: r.checklist.title,
    checklistVersion: r.checklist.version,
    childId: r.child.id,
    childName: r.child.name,
    sharedWithSchool: r.sharedWithSchool,
    // The parent sees what the school did, not the counsellor's notes.
    referral: r.referral
      ? {
          status: r.referral.status,
          ackDeadline: r.referral.ackDeadline.toISOString(),
          acknowledgedAt: r.referral.acknowledgedAt?.toISOString() ?? null,
          closedAt: r.referral.closedAt?.toISOString() ?? null,
          /** When a counsellor logged that they reached the family (已联系上); null until then. */
          reachedAt: r.referral.actions.find((a) => a.action === 'CONTACTED_FAMILY')?.at.toISOString() ?? null,
          // What happened, without the counsellor's notes.
          actions: r.referral.actions
            .map((a) => ({ action: a.action as ReferralActionKind, at: a.at.toISOString() }))
            .filter((a): a is { action: ParentReferralAction; at: string } => isParentVisibleAction(a.action)),
        }
      : null,
  }));
}

/** Decrypts a response's answers onto the items of the version it answered. */
export function decryptAnswers(
  cipher: FieldCipher,
  response: { id: string; answersEnc: string },
  checklist: { items: unknown; scoring: unknown },
) {
  const { answers } = cipher.decryptJson<StoredAnswers>(response.answersEnc, responseContext(response.id));
  return parseDefinition(checklist).items.map((item) => {
    const answer = answers[item.id] ?? 0;
    return {
      itemId: item.id,
      text: item.text,
      answer,
      answerLabel: answerLabel(answer),
      critical: item.critical === true,
    };
  });
}

/** One response of the caller's family, answers decrypted. Every read leaves an audit row. */
export async function getResponse(opts: {
  db: Db;
  cipher: FieldCipher;
  env: Pick<Env, 'CITY_HOTLINES'>;
  actor: FamilyActor;
  input: { responseId: string };
}) {
  const { db, cipher, actor: user } = opts;
  const { responseId } = opts.input;
  const deps = opts;
  const r = await db.checklistResponse.findFirst({
    where: { id: responseId, ...visibleTo(user) },
    select: {
      id: true,
      tier: true,
      createdAt: true,
      sharedWithSchool: true,
      answersEnc: true,
      checklist: { select: { id: true, title: true, version: true, stage: true, items: true, scoring: true } },
      child: { select: { id: true, name: true, school: { select: { path: true } } } },
      referral: {
        select: {
          status: true,
          ackDeadline: true,
          actions: { where: { action: 'CONTACTED_FAMILY' }, select: { at: true }, orderBy: { at: 'asc' }, take: 1 },
        },
      },
    },
  });
  if (!r) throw notFound();
  // Audit before the plaintext leaves the server: no read without its row.
  await writeAudit(db, {
    actorUserId: user.id,
    action: 'checklist.read',
    targetType: 'ChecklistResponse',
    targetId: r.id,
    detail: { by: 'parent' },
  });
  const tier = r.tier;
  return {
    id: r.id,
    tier,
    createdAt: r.createdAt.toISOString(),
    checklistTitle: r.checklist.title,
    checklistVersion: r.checklist.version,
    childName: r.child.name,
    sharedWithSchool: r.sharedWithSchool,
    answers: decryptAnswers(cipher, r, r.checklist),
    advice: adviceFor(tier, r.checklist.stage),
    hotlines: hotlinesFor(tier, cityOfPath(r.child.school.path), await loadCityHotlines(deps.db, deps.env)),
    referralStatus: r.referral?.status ?? null,
    /** When the school logged that it reached the family (已联系上). */
    referralReachedAt: r.referral?.actions[0]?.at.toISOString() ?? null,
  };
}

/**
 * The guardian who submitted a response deletes it (another guardian cannot). A referral made from it
 * keeps the counsellor's own notes, marked as deleted by the parent; the answers are gone.
 */
export async function deleteResponse(opts: { db: Db; actor: FamilyActor; input: { responseId: string } }) {
  const { db, actor: user } = opts;
  const { responseId } = opts.input;
  await db.$transaction(async (tx) => {
    const count = await deleteOwnResponses(tx, user, [responseId]);
    if (count === 0) throw notFound();
    await writeAudit(tx, {
      actorUserId: user.id,
      action: 'checklist.delete',
      targetType: 'ChecklistResponse',
      targetId: responseId,
    });
  });
  return { ok: true as const };
}

/**
 * Withdraws the caller's `sensitive:checklist` consent (no further submissions) and deletes every
 * response the caller submitted, in one transaction (another guardian's answers are theirs).
 */
export async function withdrawAndDelete(opts: { db: Db; actor: FamilyActor }) {
  const { db, actor: user } = opts;
  return db.$transaction(async (tx) => {
    const withdrawn = await tx.consent.updateMany({
      where: { userId: user.id, scope: 'sensitive:checklist', withdrawnAt: null },
      data: { withdrawnAt: new Date() },
    });
    if (withdrawn.count > 0) {
      await writeAudit(tx, {
        actorUserId: user.id,
        action: 'consent.withdraw',
        targetType: 'Consent',
        detail: { scope: 'sensitive:checklist' },
      });
    }
    const count = await deleteOwnResponses(tx, user);
    await deleteDraftsOf(tx, user.id);
    await writeAudit(tx, {
      actorUserId: user.id,
      action: 'checklist.deleteAll',
      targetType: 'Family',
      targetId: user.familyId,
      detail: { deleted: count },
    });
    return { ok: true as const, deleted: count };
  });
}

/** For the retention job: deletes responses past `deleteAfter` (their referrals keep only the counsellor's notes). */
export async function purgeExpiredResponses(db: Db, now = new Date()): Promise<{ deleted: number }> {
  return db.$transaction(async (tx) => {
    const count = await deleteResponsesWhere(tx, { deleteAfter: { lte: now } }, now);
    if (count > 0)
      await writeAudit(tx, {
        actorUserId: null,
        action: 'checklist.purge',
        targetType: 'ChecklistResponse',
        detail: { deleted: count },
      });
    return { deleted: count };
  });
}
