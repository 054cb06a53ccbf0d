import type { Db } from '../../db/create-db';
import type { Env } from '../../env';
import type { FieldCipher } from '../../crypto/field-cipher';
import type { FamilyActor } from '../../auth/auth-user';
import { AppError } from '../../errors/app-error';
import { answerLabel, type ReferralActionKind } from '../../shared/checklists';
import { writeAudit } from '../audit/write-audit';
import { adviceFor, cityOfPath, hotlinesFor, parseCityHotlines } from './advice';
import { parseDefinition } from './scoring';
import { responseContext, type StoredAnswers } from './submit-checklist';

const notFound = () => new AppError('NOT_FOUND', '记录不存在或已删除');

/**
 * The family's responses, newest first: tier, date, checklist, child and the referral's status.
 * Nothing is decrypted here.
 */
export async function myResponses(opts: { db: Db; actor: FamilyActor }) {
  const { db } = opts;
  const { familyId } = opts.actor;
  const rows = await db.checklistResponse.findMany({
    where: { familyId },
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
          actions: r.referral.actions.map((a) => ({ action: a.action as ReferralActionKind, at: a.at.toISOString() })),
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
    where: { id: responseId, familyId: user.familyId },
    select: {
      id: true,
      tier: true,
      createdAt: true,
      sharedWithSchool: true,
      answersEnc: true,
      checklist: { select: { id: true, title: true, version: true, stage: true, items: true, scoring: true } },
      child: { select: { id: true, name: true, school: { select: { path: true } } } },
      referral: { select: { status: true, ackDeadline: true } },
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
    hotlines: hotlinesFor(tier, cityOfPath(r.child.school.path), parseCityHotlines(deps.env.CITY_HOTLINES)),
    referralStatus: r.referral?.status ?? null,
  };
}

/** A parent deletes one of the family's responses; its referral and the referral's actions go with it. */
export async function deleteResponse(opts: { db: Db; actor: FamilyActor; input: { responseId: string } }) {
  const { db, actor: user } = opts;
  const { responseId } = opts.input;
  await db.$transaction(async (tx) => {
    const { count } = await tx.checklistResponse.deleteMany({ where: { id: responseId, familyId: user.familyId } });
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
 * stored response of the family, in one transaction.
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
    const { count } = await tx.checklistResponse.deleteMany({ where: { familyId: user.familyId } });
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

/** For the retention job: deletes responses past `deleteAfter` (their referrals cascade). */
export async function purgeExpiredResponses(db: Db, now = new Date()): Promise<{ deleted: number }> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.checklistResponse.deleteMany({ where: { deleteAfter: { lte: now } } });
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
