import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/create-db';
import type { Env } from '../../env';
import type { FieldCipher } from '../../crypto/field-cipher';
import type { FamilyActor } from '../../auth/auth-user';
import { AppError } from '../../errors/app-error';
import { chinaDay } from '../../shared/china-time';
import { tierAtLeast, type RiskTier, type SubmitChecklistInput } from '../../shared/checklists';
import { writeAudit } from '../audit/write-audit';
import { hasConsent } from '../consents/consents';
import { assertMayConsentForChildren } from '../families/caregivers';
import { adviceFor, cityOfPath, hotlinesFor, type Hotline } from './advice';
import { loadCityHotlines } from '../help/city-hotlines';
import { checkAnswersComplete, parseDefinition, scoreAnswers } from './scoring';
import { queueReferralAlert, staffCoveringSchool } from './staff-alerts';

/** Hours a counsellor has to acknowledge a referral. */
export function ackDeadlineHours(tier: RiskTier): number {
  return tier === 'URGENT' ? 24 : 72;
}

/** The AES-GCM context binding a response's ciphertext to its row. */
export const responseContext = (responseId: string) => `ChecklistResponse:${responseId}`;

/** Only the answers are encrypted; the tier stays in clear for referrals and aggregate counts. */
export interface StoredAnswers {
  answers: Record<string, number>;
}

export interface SubmitOptions {
  db: Db;
  env: Pick<Env, 'CHECKLIST_RETENTION_DAYS' | 'CITY_HOTLINES'>;
  cipher: FieldCipher;
  actor: FamilyActor;
  input: SubmitChecklistInput;
  /** Told about a city-hotline configuration that cannot be read (the defaults are used). */
  onConfigError?: (message: string) => void;
  now?: Date;
}

/** Whether a checklist's audience fits the child's grade (U1–U4 = university). */
function fitsChild(stage: string, grade: string): string | null {
  const university = grade.startsWith('U');
  if (stage === 'CHILD' && university) return '该清单适用于 4–16 岁的孩子；孩子已上大学，请选择“大学生家长版”清单';
  if (stage === 'UNIVERSITY' && !university) return '该清单适用于大学生的家长，请选择适合孩子年龄的清单';
  return null;
}

/**
 * A parent answers a checklist about one of their children. Needs the separate `sensitive:checklist`
 * consent. Answers are stored encrypted; when the parent shares and the tier is CONTACT_SCHOOL or
 * higher, a referral goes to the school's counsellors, the family is flagged for a home visit and the
 * counsellors get an alert without sensitive content — all in one transaction.
 */
export async function submitChecklist(
  opts: SubmitOptions,
): Promise<{ tier: RiskTier; advice: string; hotlines: Hotline[]; responseId: string; referred: boolean }> {
  const { db, env, cipher, actor: user, input, now = new Date() } = opts;
  const deps = opts;
  await assertMayConsentForChildren(db, user.id);
  if (!(await hasConsent(db, user.id, 'sensitive:checklist'))) {
    throw new AppError('FORBIDDEN', '提交心理预警清单前，请先阅读并单独同意《敏感个人信息单独同意（心理预警清单）》');
  }
  const child = await db.child.findFirst({
    where: { id: input.childId, familyId: user.familyId },
    select: { id: true, grade: true, schoolId: true, school: { select: { path: true } } },
  });
  if (!child) throw new AppError('NOT_FOUND', '没有找到这个孩子（只能为自己家的孩子填写）');
  const checklist = await db.checklist.findFirst({
    where: { id: input.checklistId, published: true },
    select: { id: true, version: true, stage: true, items: true, scoring: true },
  });
  if (!checklist) throw new AppError('NOT_FOUND', '该清单不存在或已更新，请重新打开清单填写');
  const mismatch = fitsChild(checklist.stage, child.grade);
  if (mismatch) throw new AppError('BAD_REQUEST', mismatch);

  const def = parseDefinition(checklist);
  checkAnswersComplete(def, input.answers);
  const { tier } = scoreAnswers(def, input.answers);
  const refer = input.shareWithSchool && tierAtLeast(tier, 'CONTACT_SCHOOL');
  const deadlineHours = ackDeadlineHours(tier);

  // The id is chosen here so that the ciphertext can be bound to its row before the insert.
  const responseId = randomUUID();
  const stored: StoredAnswers = { answers: input.answers };
  const answersEnc = cipher.encryptJson(stored, responseContext(responseId));
  const deleteAfter = new Date(now.getTime() + env.CHECKLIST_RETENTION_DAYS * 24 * 3600_000);

  await db.$transaction(async (tx) => {
    await tx.checklistResponse.create({
      data: {
        id: responseId,
        checklistId: checklist.id,
        childId: child.id,
        familyId: user.familyId,
        submittedById: user.id,
        tier,
        answersEnc,
        sharedWithSchool: input.shareWithSchool,
        sharedWithFamily: input.shareWithFamily ?? false,
        createdAt: now,
        deleteAfter,
      },
      select: { id: true },
    });
    // Submitted: the answers kept while answering go.
    await tx.checklistDraft.deleteMany({
      where: { userId: user.id, checklistId: checklist.id, childId: child.id },
    });
    await writeAudit(tx, {
      actorUserId: user.id,
      action: 'checklist.submit',
      targetType: 'ChecklistResponse',
      targetId: responseId,
      detail: { checklistId: checklist.id, version: checklist.version, shared: input.shareWithSchool },
    });
    if (!refer) return;

    const ackDeadline = new Date(now.getTime() + deadlineHours * 3600_000);
    const referral = await tx.referral.create({
      data: { responseId, schoolId: child.schoolId, childGrade: child.grade, tier, ackDeadline, createdAt: now },
      select: { id: true },
    });
    // No priority flag is stored: the school's counsellors see the open referral itself (visits.families),
    // which goes with the response when the parent deletes it, withdraws consent or it expires.
    let recipients = await staffCoveringSchool(tx, child.school.path, 'COUNSELOR');
    let audience = 'COUNSELOR';
    if (recipients.length === 0) {
      // No counsellor covers the school: tell its coordinators now rather than at the deadline.
      recipients = await staffCoveringSchool(tx, child.school.path, 'COORDINATOR');
      audience = 'COORDINATOR';
    }
    const alerts = await queueReferralAlert(tx, recipients, {
      referralId: referral.id,
      deadline: ackDeadline,
      message: '有一条新的转介，请及时处理',
      status: '待处理',
      dedupe: 'referral-new',
      // However often a parent resubmits, one alert per child per day reaches the counsellors (their
      // one-time WeChat quota is not drained); every referral still shows in their inbox.
      dedupeScope: `${child.id}:${chinaDay(now)}`,
      page: audience === 'COUNSELOR' ? undefined : 'pages/home/index',
    });
    await writeAudit(tx, {
      actorUserId: user.id,
      action: 'referral.create',
      targetType: 'Referral',
      targetId: referral.id,
      orgUnitId: child.schoolId,
      detail: { responseId, alerts, audience },
    });
  });

  const cityHotlines = await loadCityHotlines(db, env, deps.onConfigError);
  return {
    tier,
    advice: adviceFor(tier, checklist.stage, refer ? { deadlineHours } : input.shareWithSchool ? 'not-needed' : null),
    hotlines: hotlinesFor(tier, cityOfPath(child.school.path), cityHotlines),
    responseId,
    referred: refer,
  };
}
