import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/create-db';
import type { FieldCipher } from '../../crypto/field-cipher';
import type { Prisma } from '../../generated/prisma/client';
import { AppError } from '../../errors/app-error';
import type { ReferralActionKind, ReferralStatus } from '../../shared/checklists';
import type { Actor, StaffActor } from '../../auth/auth-user';
import { subtreeWhere } from '../../shared/org-tree';
import { writeAudit } from '../audit/write-audit';
import { maskedFamilyContacts } from '../families/contacts';
import { decryptAnswers } from './responses';
import { queueReferralAlert, staffCoveringSchool } from './staff-alerts';

/** Scope resolver: the school a referral belongs to (counsellors must hold a grant covering it). */
export async function referralSchoolId(db: Db, referralId: string): Promise<string | null> {
  const r = await db.referral.findUnique({ where: { id: referralId }, select: { schoolId: true } });
  return r?.schoolId ?? null;
}

export const noteContext = (actionId: string) => `ReferralAction:${actionId}`;

/** What a referral shows in place of the answers once the parent deleted them. */
export const RESPONSE_DELETED = '家长已删除原始答卷';

const isOverdue = (r: { status: string; ackDeadline: Date }, now: Date) => r.status === 'OPEN' && r.ackDeadline < now;

/**
 * The caller's referral inbox: referrals of the schools their COUNSELOR grants cover (a school grant
 * covers that school only), open ones first, then by acknowledgement deadline.
 */
export async function listReferrals(opts: {
  db: Db;
  actor: StaffActor;
  input?: { status?: ReferralStatus };
  now?: Date;
}) {
  const { db, actor: user, now = new Date() } = opts;
  const status = opts.input?.status;
  const paths = user.roles.filter((g) => g.role === 'COUNSELOR').map((g) => g.orgUnitPath);
  if (paths.length === 0) return [];
  const rows = await db.referral.findMany({
    where: { ...(status ? { status } : {}), school: { OR: paths.map((p) => subtreeWhere(p)) } },
    orderBy: [{ status: 'asc' }, { ackDeadline: 'asc' }, { id: 'asc' }],
    take: 500,
    select: {
      id: true,
      tier: true,
      childGrade: true,
      createdAt: true,
      status: true,
      ackDeadline: true,
      responseDeletedAt: true,
      escalatedAt: true,
      school: { select: { name: true } },
    },
  });
  return rows.map((r) => ({
    id: r.id,
    tier: r.tier,
    childGrade: r.childGrade,
    createdAt: r.createdAt.toISOString(),
    status: r.status,
    ackDeadline: r.ackDeadline.toISOString(),
    overdue: isOverdue(r, now),
    escalated: r.escalatedAt != null,
    responseDeleted: r.responseDeletedAt != null,
    schoolName: r.school.name,
  }));
}

/**
 * One referral for a counsellor of its school (scope checked by the access rule): the shared answers
 * (decrypted; each read is audited), the action log, and who to contact in the family.
 */
export async function getReferral(opts: {
  db: Db;
  cipher: FieldCipher;
  actor: Actor;
  input: { referralId: string };
  now?: Date;
}) {
  const { db, cipher, now = new Date() } = opts;
  const actorId = opts.actor.id;
  const { referralId } = opts.input;
  const r = await db.referral.findUnique({
    where: { id: referralId },
    select: {
      id: true,
      tier: true,
      childGrade: true,
      status: true,
      createdAt: true,
      ackDeadline: true,
      acknowledgedAt: true,
      escalatedAt: true,
      closedAt: true,
      schoolId: true,
      school: { select: { name: true } },
      response: {
        select: {
          id: true,
          answersEnc: true,
          createdAt: true,
          checklist: { select: { title: true, version: true, items: true, scoring: true } },
          child: { select: { name: true, className: true } },
          familyId: true,
          family: {
            select: {
              guardians: {
                select: { relation: true, user: { select: { displayName: true } } },
                orderBy: { createdAt: 'asc' },
              },
            },
          },
        },
      },
      actions: { select: { id: true, action: true, noteEnc: true, byUserId: true, at: true }, orderBy: { at: 'asc' } },
    },
  });
  if (!r) throw new AppError('NOT_FOUND', '转介不存在或已被家长删除');
  const response = r.response;
  if (response) {
    await writeAudit(db, {
      actorUserId: actorId,
      action: 'checklist.read',
      targetType: 'ChecklistResponse',
      targetId: response.id,
      orgUnitId: r.schoolId,
      detail: { by: 'counselor', referralId: r.id },
    });
  }
  const authorIds = [...new Set(r.actions.map((a) => a.byUserId))];
  const authors = new Map(
    (await db.user.findMany({ where: { id: { in: authorIds } }, select: { id: true, displayName: true } })).map((u) => [
      u.id,
      u.displayName,
    ]),
  );
  return {
    id: r.id,
    tier: r.tier,
    childGrade: r.childGrade,
    status: r.status,
    createdAt: r.createdAt.toISOString(),
    ackDeadline: r.ackDeadline.toISOString(),
    acknowledgedAt: r.acknowledgedAt?.toISOString() ?? null,
    escalatedAt: r.escalatedAt?.toISOString() ?? null,
    closedAt: r.closedAt?.toISOString() ?? null,
    overdue: isOverdue(r, now),
    schoolName: r.school.name,
    // Once the parent deleted the response, only the counsellor's own notes remain.
    responseDeleted: response === null,
    checklistTitle: response ? response.checklist.title : RESPONSE_DELETED,
    checklistVersion: response?.checklist.version ?? 0,
    answeredAt: (response?.createdAt ?? r.createdAt).toISOString(),
    answers: response ? decryptAnswers(cipher, response, response.checklist) : [],
    childName: response?.child.name ?? '',
    childClassName: response?.child.className ?? null,
    guardians: response
      ? response.family.guardians.map((g) => ({ displayName: g.user.displayName, relation: g.relation }))
      : [],
    /** The family's numbers, masked; 查看完整号码 (referrals.revealContact) shows them while the referral is open. */
    contacts: response ? await maskedFamilyContacts(db, response.familyId) : [],
    actions: r.actions.map((a) => ({
      id: a.id,
      action: a.action as ReferralActionKind,
      note: a.noteEnc ? cipher.decrypt(a.noteEnc, noteContext(a.id)) : null,
      by: authors.get(a.byUserId) ?? '',
      at: a.at.toISOString(),
    })),
  };
}

type Tx = Prisma.TransactionClient;

async function acknowledgeIn(tx: Tx, actorId: string, referralId: string, now: Date): Promise<boolean> {
  const { count } = await tx.referral.updateMany({
    where: { id: referralId, status: 'OPEN' },
    data: { status: 'ACKNOWLEDGED', acknowledgedAt: now, acknowledgedById: actorId },
  });
  return count > 0;
}

/** The counsellor takes the referral on. Repeating it, or acknowledging a closed one, changes nothing. */
export async function acknowledgeReferral(opts: { db: Db; actor: Actor; input: { referralId: string }; now?: Date }) {
  const { db, now = new Date() } = opts;
  const actorId = opts.actor.id;
  const { referralId } = opts.input;
  return db.$transaction(async (tx) => {
    const changed = await acknowledgeIn(tx, actorId, referralId, now);
    if (changed)
      await writeAudit(tx, {
        actorUserId: actorId,
        action: 'referral.acknowledge',
        targetType: 'Referral',
        targetId: referralId,
      });
    const r = await tx.referral.findUniqueOrThrow({ where: { id: referralId }, select: { status: true } });
    return { ok: true as const, status: r.status };
  });
}

/**
 * Records what the counsellor did. The note is encrypted (bound to the action's row). Any action on an
 * open referral acknowledges it; CLOSED closes it; a closed referral takes no more actions.
 */
export async function addReferralAction(opts: {
  db: Db;
  cipher: FieldCipher;
  actor: Actor;
  input: { referralId: string; action: ReferralActionKind; note?: string };
  now?: Date;
}) {
  const { db, cipher, input, now = new Date() } = opts;
  const actorId = opts.actor.id;
  return db.$transaction(async (tx) => {
    const [locked] = await tx.$queryRaw<
      { status: string }[]
    >`SELECT status::text AS status FROM "Referral" WHERE id = ${input.referralId} FOR UPDATE`;
    if (!locked) throw new AppError('NOT_FOUND', '转介不存在或已被家长删除');
    if (locked.status === 'CLOSED') throw new AppError('CONFLICT', '该转介已结束跟进，不能再添加记录');
    if (locked.status === 'OPEN') await acknowledgeIn(tx, actorId, input.referralId, now);
    const id = randomUUID();
    await tx.referralAction.create({
      data: {
        id,
        referralId: input.referralId,
        action: input.action,
        noteEnc: input.note ? cipher.encrypt(input.note, noteContext(id)) : null,
        byUserId: actorId,
        at: now,
      },
      select: { id: true },
    });
    if (input.action === 'CLOSED') {
      await tx.referral.update({
        where: { id: input.referralId },
        data: { status: 'CLOSED', closedAt: now },
        select: { id: true },
      });
    }
    await writeAudit(tx, {
      actorUserId: actorId,
      action: 'referral.action',
      targetType: 'Referral',
      targetId: input.referralId,
      detail: { action: input.action },
    });
    const r = await tx.referral.findUniqueOrThrow({ where: { id: input.referralId }, select: { status: true } });
    return { id, status: r.status };
  });
}

/**
 * For the escalation job: unacknowledged referrals past their deadline are escalated once to the
 * coordinators of the school (alert without sensitive content). Running it again does nothing more.
 */
export async function escalateOverdueReferrals(
  db: Db,
  now = new Date(),
): Promise<{ escalated: number; alerts: number }> {
  const due = await db.referral.findMany({
    // A referral whose answers the parent deleted is not escalated: nobody may act on the deleted answers.
    where: { status: 'OPEN', ackDeadline: { lt: now }, escalatedAt: null, responseDeletedAt: null },
    select: { id: true, ackDeadline: true, schoolId: true, school: { select: { path: true } } },
    orderBy: { ackDeadline: 'asc' },
    take: 500,
  });
  let escalated = 0;
  let alerts = 0;
  for (const r of due) {
    await db.$transaction(async (tx) => {
      // Claimed by the update itself: a second job running at the same time finds nothing to do.
      const { count } = await tx.referral.updateMany({
        where: { id: r.id, status: 'OPEN', escalatedAt: null },
        data: { escalatedAt: now },
      });
      if (count === 0) return;
      const coordinators = await staffCoveringSchool(tx, r.school.path, 'COORDINATOR');
      const queued = await queueReferralAlert(tx, coordinators, {
        referralId: r.id,
        deadline: r.ackDeadline,
        message: '有转介超时未处理，请督促跟进',
        status: '已超时',
        dedupe: 'referral-escalated',
        // Coordinators cannot open the referral itself (counsellors only): they land on their home page.
        page: 'pages/home/index',
      });
      await writeAudit(tx, {
        actorUserId: null,
        action: 'referral.escalate',
        targetType: 'Referral',
        targetId: r.id,
        orgUnitId: r.schoolId,
        detail: { alerts: queued },
      });
      escalated += 1;
      alerts += queued;
    });
  }
  return { escalated, alerts };
}
