import type { Db } from '../../db/create-db';
import type { Prisma } from '../../generated/prisma/client';
import type { FieldCipher } from '../../crypto/field-cipher';
import type { Actor, FamilyActor, StaffActor } from '../../auth/auth-user';
import type { WechatClient } from '../../wechat/wechat-client';
import { AppError } from '../../errors/app-error';
import { GUARDIAN_RELATION_LABELS } from '../../shared/enums';
import { maskMobile, type ContactLine } from '../../shared/contacts';
import { normalizeMobile } from '../../shared/rosters';
import { writeAudit } from '../audit/write-audit';
import { ctxOf } from '../visits/records';

type Tx = Prisma.TransactionClient | Db;

/** The encryption context of a guardian's own mobile (bound to the guardian's row). */
export const mobileCtx = (guardianId: string) => `Guardian:${guardianId}:mobile`;
/** The roster's contact of a household (server/services/rosters/import-roster.ts writes it). */
const rosterCtx = (familyId: string) => `Family:${familyId}:contact`;

const guardianLabel = (g: { relation: keyof typeof GUARDIAN_RELATION_LABELS; user: { displayName: string } }) =>
  `${GUARDIAN_RELATION_LABELS[g.relation]} ${g.user.displayName}`;

async function contactRows(db: Tx, familyId: string) {
  return db.family.findUnique({
    where: { id: familyId },
    select: {
      contactEnc: true,
      contactMasked: true,
      guardians: {
        where: { mobileEnc: { not: null } },
        orderBy: { createdAt: 'asc' },
        select: {
          id: true,
          relation: true,
          mobileEnc: true,
          mobileMasked: true,
          user: { select: { displayName: true } },
        },
      },
    },
  });
}

/** Ways to reach a family as lists show them: the guardians' own numbers, then the school roster's, masked. */
export async function maskedFamilyContacts(db: Tx, familyId: string): Promise<ContactLine[]> {
  const f = await contactRows(db, familyId);
  if (!f) return [];
  const lines = f.guardians.map((g) => ({ label: guardianLabel(g), mobile: g.mobileMasked ?? '' }));
  if (f.contactMasked) {
    // contactMasked reads "王**（母亲） 138****5678": the label and the number apart.
    const at = f.contactMasked.lastIndexOf(' ');
    lines.push({ label: `学校名册：${f.contactMasked.slice(0, at)}`, mobile: f.contactMasked.slice(at + 1) });
  }
  return lines;
}

/** The same in clear. Callers have checked who may see them and write the audit row in the same step. */
async function clearFamilyContacts(db: Tx, cipher: FieldCipher, familyId: string): Promise<ContactLine[]> {
  const f = await contactRows(db, familyId);
  if (!f) return [];
  const lines = f.guardians.map((g) => ({
    label: guardianLabel(g),
    mobile: cipher.decrypt(g.mobileEnc!, mobileCtx(g.id)),
  }));
  if (f.contactEnc) {
    const c = cipher.decryptJson<{ name: string; relation: string | null; phone: string }>(
      f.contactEnc,
      rosterCtx(familyId),
    );
    lines.push({ label: `学校名册：${c.name}${c.relation ? `（${c.relation}）` : ''}`, mobile: c.phone });
  }
  return lines;
}

/** Stores (or, with null, removes) the guardian's own mobile. The number itself is not written to the audit. */
export async function storeMobile(
  tx: Tx,
  cipher: FieldCipher,
  actor: Actor,
  mobile: string | null,
  via: 'typed' | 'wechat',
): Promise<{ mobileMasked: string | null }> {
  const g = await tx.guardian.findUnique({ where: { userId: actor.id }, select: { id: true, familyId: true } });
  if (!g) throw new AppError('FORBIDDEN', '请先绑定家庭');
  const mobileMasked = mobile ? maskMobile(mobile) : null;
  await tx.guardian.update({
    where: { id: g.id },
    data: { mobileEnc: mobile ? cipher.encrypt(mobile, mobileCtx(g.id)) : null, mobileMasked },
    select: { id: true },
  });
  await writeAudit(tx, {
    actorUserId: actor.id,
    action: mobile ? 'guardian.mobile.set' : 'guardian.mobile.remove',
    targetType: 'Guardian',
    targetId: g.id,
    detail: mobile ? { via } : undefined,
  });
  return { mobileMasked };
}

/** 我的家庭: the guardian types their number, or removes it (null). */
export async function setMyMobile(opts: {
  db: Db;
  cipher: FieldCipher;
  actor: FamilyActor;
  input: { mobile: string | null };
}) {
  const { db, cipher, actor, input } = opts;
  return db.$transaction((tx) => storeMobile(tx, cipher, actor, input.mobile, 'typed'));
}

/**
 * The mini program's getPhoneNumber button: the server exchanges the event's code with WeChat and stores the
 * number the guardian chose there. Only a mainland mobile is taken (otherwise the guardian types one).
 */
export async function setMobileFromWechat(opts: {
  db: Db;
  cipher: FieldCipher;
  wechat: WechatClient;
  actor: FamilyActor;
  input: { code: string };
}) {
  const { db, cipher, wechat, actor, input } = opts;
  const info = await wechat.getPhoneNumber(input.code);
  const mobile = info.countryCode === '86' ? normalizeMobile(info.purePhoneNumber) : null;
  if (!mobile) throw new AppError('BAD_REQUEST', '微信里的号码不是中国大陆手机号，请直接填写一个手机号');
  return db.$transaction((tx) => storeMobile(tx, cipher, actor, mobile, 'wechat'));
}

/** The guardian's own number, masked (我的家庭 shows it with 修改、删除). */
export async function myMobileMasked(db: Tx, userId: string): Promise<string | null> {
  const g = await db.guardian.findUnique({ where: { userId }, select: { mobileMasked: true } });
  return g?.mobileMasked ?? null;
}

/**
 * 查看完整号码 for a visit: only the teacher making that visit, while it is not cancelled. Returns the
 * family's numbers and the visit's address in clear; the read is audited in the same transaction.
 */
export async function revealVisitContact(opts: {
  db: Db;
  cipher: FieldCipher;
  actor: StaffActor;
  input: { visitId: string };
}) {
  const { db, cipher, actor, input } = opts;
  return db.$transaction(async (tx) => {
    const v = await tx.visit.findUnique({
      where: { id: input.visitId },
      select: {
        id: true,
        teacherId: true,
        status: true,
        familyId: true,
        addressEnc: true,
        window: { select: { orgUnitId: true } },
      },
    });
    if (!v) throw new AppError('NOT_FOUND', '家访不存在');
    if (v.teacherId !== actor.id) throw new AppError('FORBIDDEN', '只有负责这次家访的老师可以查看家庭的完整号码和住址');
    if (v.status === 'CANCELLED') throw new AppError('FORBIDDEN', '这次家访已取消，不能再查看家庭的完整号码和住址');
    const contacts = await clearFamilyContacts(tx, cipher, v.familyId);
    const address = v.addressEnc ? cipher.decrypt(v.addressEnc, ctxOf(v.id, 'address')) : null;
    await writeAudit(tx, {
      actorUserId: actor.id,
      action: 'contact.reveal',
      targetType: 'Visit',
      targetId: v.id,
      orgUnitId: v.window.orgUnitId,
      detail: { familyId: v.familyId, mobiles: contacts.length, address: address != null },
    });
    return { contacts, address };
  });
}

/**
 * 查看完整号码 for a referral: the school's counsellors (scope checked by the access rule) while it is open
 * (not 结束跟进) and the parent's answers are still there (they link it to the family). Audited.
 */
export async function revealReferralContact(opts: {
  db: Db;
  cipher: FieldCipher;
  actor: StaffActor;
  input: { referralId: string };
}) {
  const { db, cipher, actor, input } = opts;
  return db.$transaction(async (tx) => {
    const r = await tx.referral.findUnique({
      where: { id: input.referralId },
      select: { id: true, status: true, schoolId: true, response: { select: { familyId: true } } },
    });
    if (!r) throw new AppError('NOT_FOUND', '转介不存在或已被家长删除');
    if (r.status === 'CLOSED') throw new AppError('FORBIDDEN', '这次转介已结束跟进，不能再查看家庭的完整号码');
    if (!r.response) throw new AppError('NOT_FOUND', '家长已删除原始答卷，无法查看家庭的联系方式');
    const contacts = await clearFamilyContacts(tx, cipher, r.response.familyId);
    await writeAudit(tx, {
      actorUserId: actor.id,
      action: 'contact.reveal',
      targetType: 'Referral',
      targetId: r.id,
      orgUnitId: r.schoolId,
      detail: { familyId: r.response.familyId, mobiles: contacts.length },
    });
    return { contacts };
  });
}
