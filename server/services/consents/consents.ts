import type { Db } from '../../db/create-db';
import type { Actor } from '../../auth/auth-user';
import { AppError } from '../../errors/app-error';
import type { ConsentScope } from '../../shared/enums';
import { writeAudit } from '../audit/write-audit';
import { assertMayConsentForChildren } from '../families/caregivers';

export async function currentConsentTexts(opts: { db: Db }) {
  return opts.db.consentText.findMany({
    where: { inForce: true },
    select: { scope: true, textVersion: true, title: true, text: true },
    orderBy: { scope: 'asc' },
  });
}

/** Records consent to the text in force. Repeating it is harmless. */
export async function grantConsent(opts: {
  db: Db;
  actor: Actor;
  input: { scope: ConsentScope; textVersion: string };
}) {
  const { db } = opts;
  const { scope, textVersion } = opts.input;
  const userId = opts.actor.id;
  const text = await db.consentText.findFirst({ where: { scope, inForce: true }, select: { textVersion: true } });
  if (!text) throw new AppError('NOT_FOUND', '该授权事项不存在');
  if (text.textVersion !== textVersion) throw new AppError('CONFLICT', '授权文本已更新，请重新阅读后再同意');
  // A child's health-related answers: the consent of a legal guardian, or of a caregiver one authorised.
  if (scope === 'sensitive:checklist') await assertMayConsentForChildren(db, userId);
  // The confidentiality terms bind a work account: a parent has nothing to promise there.
  if (
    scope === 'staff:confidentiality' &&
    !(await db.roleAssignment.findFirst({ where: { userId }, select: { id: true } }))
  )
    throw new AppError('FORBIDDEN', '保密承诺只由学校、妇联、关工委的工作人员签署');
  await db.$transaction(async (tx) => {
    const active = await tx.consent.findFirst({
      where: { userId, scope, textVersion, withdrawnAt: null },
      select: { id: true },
    });
    if (active) return;
    await tx.consent.create({ data: { userId, scope, textVersion }, select: { id: true } });
    await writeAudit(tx, {
      actorUserId: userId,
      action: 'consent.grant',
      targetType: 'Consent',
      detail: { scope, textVersion },
    });
  });
  return { ok: true as const };
}

export async function withdrawConsent(opts: { db: Db; actor: Actor; input: { scope: ConsentScope } }) {
  const { db } = opts;
  const { scope } = opts.input;
  const userId = opts.actor.id;
  await db.$transaction(async (tx) => {
    const { count } = await tx.consent.updateMany({
      where: { userId, scope, withdrawnAt: null },
      data: { withdrawnAt: new Date() },
    });
    // Answers kept while answering a checklist were kept under this consent.
    if (scope === 'sensitive:checklist') await tx.checklistDraft.deleteMany({ where: { userId } });
    if (count > 0)
      await writeAudit(tx, {
        actorUserId: userId,
        action: 'consent.withdraw',
        targetType: 'Consent',
        detail: { scope },
      });
  });
  return { ok: true as const };
}

/** Whether the user currently consents to `scope` (at the text version in force). */
export async function hasConsent(db: Db, userId: string, scope: ConsentScope): Promise<boolean> {
  const text = await db.consentText.findFirst({ where: { scope, inForce: true }, select: { textVersion: true } });
  if (!text) return false;
  const row = await db.consent.findFirst({
    where: { userId, scope, textVersion: text.textVersion, withdrawnAt: null },
    select: { id: true },
  });
  return row != null;
}

/** The user's consents not withdrawn; `current` when given to the text now in force. */
export async function myConsents(opts: { db: Db; actor: Actor }) {
  const { db } = opts;
  const userId = opts.actor.id;
  const [rows, texts] = await Promise.all([
    db.consent.findMany({
      where: { userId, withdrawnAt: null },
      select: { scope: true, textVersion: true, grantedAt: true },
      orderBy: { grantedAt: 'desc' },
    }),
    db.consentText.findMany({ where: { inForce: true }, select: { scope: true, textVersion: true } }),
  ]);
  return rows.map((r) => ({
    scope: r.scope,
    textVersion: r.textVersion,
    grantedAt: r.grantedAt.toISOString(),
    current: texts.some((t) => t.scope === r.scope && t.textVersion === r.textVersion),
  }));
}
