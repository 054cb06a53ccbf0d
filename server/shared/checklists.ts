// Warning-sign checklists (心理预警清单): tiers, labels and zod schemas shared by client and server.
// Runs on both sides: no Node and no Prisma imports here.
import { z } from 'zod';
import { idSchema, requiredText } from './schemas';

/** Result tiers, lowest first (the order is used to compare them). */
export const RISK_TIERS = ['NONE', 'WATCH', 'CONTACT_SCHOOL', 'URGENT'] as const;
export type RiskTier = (typeof RISK_TIERS)[number];

export const RISK_TIER_LABELS: Record<RiskTier, string> = {
  NONE: '未发现明显预警信号',
  WATCH: '需要留意',
  CONTACT_SCHOOL: '建议联系学校',
  URGENT: '紧急：请立即求助',
};

export function tierRank(tier: RiskTier): number {
  return RISK_TIERS.indexOf(tier);
}

export function tierAtLeast(tier: RiskTier, floor: RiskTier): boolean {
  return tierRank(tier) >= tierRank(floor);
}

/** Audience of a checklist: CHILD = PSC-17 (ages 4–16), ANY = crisis signs for every age, UNIVERSITY = parents of students. */
export const CHECKLIST_STAGES = ['CHILD', 'ANY', 'UNIVERSITY'] as const;
export type ChecklistStage = (typeof CHECKLIST_STAGES)[number];

export const CHECKLIST_STAGE_LABELS: Record<ChecklistStage, string> = {
  CHILD: '4–16 岁儿童青少年',
  ANY: '各学段通用',
  UNIVERSITY: '大学生家长',
};

/** Every item is answered 从不 / 有时 / 经常 = 0 / 1 / 2. */
export const ANSWER_OPTIONS = [
  { value: 0, label: '从不' },
  { value: 1, label: '有时' },
  { value: 2, label: '经常' },
] as const;
export type AnswerValue = 0 | 1 | 2;

export function answerLabel(value: number): string {
  return ANSWER_OPTIONS.find((o) => o.value === value)?.label ?? String(value);
}

/** PSC-17 subscales. */
export const SUBSCALES = ['internalising', 'attention', 'externalising'] as const;
export type Subscale = (typeof SUBSCALES)[number];

export const SUBSCALE_LABELS: Record<Subscale, string> = {
  internalising: '情绪（内化）',
  attention: '注意力',
  externalising: '行为（外化）',
};

export const REFERRAL_STATUSES = ['OPEN', 'ACKNOWLEDGED', 'CLOSED'] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

export const REFERRAL_STATUS_LABELS: Record<ReferralStatus, string> = {
  OPEN: '已转给学校心理健康教师，等老师和您联系',
  ACKNOWLEDGED: '学校心理健康教师已收到，会和您联系',
  CLOSED: '学校心理健康教师已跟进完毕',
};

/**
 * The counsellor's log. CONTACT_ATTEMPTED (未接通、无人应答、号码不对) and CONTACTED_FAMILY (已联系上: spoke with
 * a guardian) are apart: the parent is told the school reached them only after a CONTACTED_FAMILY.
 */
export const REFERRAL_ACTIONS = [
  'CONTACT_ATTEMPTED',
  'CONTACTED_FAMILY',
  'MET_CHILD',
  'REFERRED_HOSPITAL',
  'NOTE',
  'CLOSED',
] as const;
export type ReferralActionKind = (typeof REFERRAL_ACTIONS)[number];

export const REFERRAL_ACTION_LABELS: Record<ReferralActionKind, string> = {
  CONTACT_ATTEMPTED: '尝试联系，未联系上',
  CONTACTED_FAMILY: '已联系上家长',
  MET_CHILD: '已与孩子面谈',
  REFERRED_HOSPITAL: '已建议到医疗机构就诊',
  NOTE: '备注',
  CLOSED: '结束跟进',
};

/** The actions a parent sees, in their words. The counsellor's notes (NOTE) are not shown to the family. */
export type ParentReferralAction = Exclude<ReferralActionKind, 'NOTE'>;
export const PARENT_REFERRAL_ACTION_LABELS: Record<ParentReferralAction, string> = {
  CONTACT_ATTEMPTED: '学校老师尝试联系您，没有联系上，请留意来电',
  CONTACTED_FAMILY: '学校已联系上您',
  MET_CHILD: '老师已与孩子面谈',
  REFERRED_HOSPITAL: '老师建议到医疗机构就诊',
  CLOSED: '学校心理健康教师已跟进完毕',
};
export const isParentVisibleAction = (a: ReferralActionKind): a is ParentReferralAction => a !== 'NOTE';

/**
 * What a parent reads as the school's follow-up: 学校已联系上您 only once a counsellor logged that they reached
 * the family (CONTACTED_FAMILY), never because a note or an attempt was logged.
 */
export function parentReferralStatus(status: ReferralStatus, reachedAt: string | null): string {
  if (status !== 'CLOSED' && reachedAt) return '学校已联系上您，后续请与学校心理健康教师保持联系';
  return REFERRAL_STATUS_LABELS[status];
}

// ─── Content (versioned; edited by province admins) ─────────────────────────────────────────────

export const checklistItemSchema = z.object({
  id: z
    .string({ error: '请填写题目编号' })
    .regex(/^[a-z0-9_-]{1,32}$/, { error: '题目编号只能用小写字母、数字、下划线和连字符（至多 32 位）' }),
  text: requiredText('题目内容', 200),
  subscale: z.enum(SUBSCALES, { error: '分量表须为 internalising、attention 或 externalising' }).optional(),
  /** A critical sign: answered 有时 or 经常 ⇒ URGENT. */
  critical: z.boolean().optional(),
});
export type ChecklistItem = z.infer<typeof checklistItemSchema>;

const cutoff = (label: string) =>
  z
    .number({ error: `${label}须为整数` })
    .int({ error: `${label}须为整数` })
    .min(1, { error: `${label}至少为 1` })
    .max(200, { error: `${label}过大` });

/**
 * Cut-offs of a checklist (see server/services/checklists/scoring.ts for the rule):
 * `totalCutoff` on the sum of all answers, `subscaleCutoffs` on each subscale's sum, and
 * `frequentCutoff` on the number of non-critical signs answered 经常.
 */
export const checklistScoringSchema = z.object({
  totalCutoff: cutoff('总分界值').optional(),
  subscaleCutoffs: z.partialRecord(z.enum(SUBSCALES, { error: '分量表不正确' }), cutoff('分量表界值')).optional(),
  frequentCutoff: cutoff('“经常”出现的信号数界值').optional(),
});
export type ChecklistScoring = z.infer<typeof checklistScoringSchema>;

export const checklistCodeSchema = z
  .string({ error: '请填写清单代码' })
  .regex(/^[a-z0-9-]{2,40}$/, { error: '清单代码只能用小写字母、数字和连字符（2–40 位）' });

export const saveChecklistDraftInput = z
  .object({
    code: checklistCodeSchema,
    title: requiredText('清单名称', 80),
    stage: z.enum(CHECKLIST_STAGES, { error: '适用对象须为 CHILD、ANY 或 UNIVERSITY' }),
    intro: requiredText('填写说明', 2000),
    items: z
      .array(checklistItemSchema, { error: '请填写题目' })
      .min(1, { error: '至少需要 1 道题目' })
      .max(60, { error: '题目不能超过 60 道' }),
    scoring: checklistScoringSchema,
  })
  .superRefine((v, ctx) => {
    if (!Array.isArray(v.items)) return;
    const ids = v.items.map((i) => i?.id);
    const dup = ids.find((id, i) => ids.indexOf(id) !== i);
    if (dup) ctx.addIssue({ code: 'custom', path: ['items'], message: `题目编号重复：${dup}` });
    const used = new Set(v.items.map((i) => i?.subscale).filter(Boolean));
    for (const key of Object.keys(v.scoring?.subscaleCutoffs ?? {})) {
      if (!used.has(key as Subscale))
        ctx.addIssue({
          code: 'custom',
          path: ['scoring', 'subscaleCutoffs', key],
          message: `没有题目属于分量表 ${key}`,
        });
    }
  });
export type SaveChecklistDraftInput = z.infer<typeof saveChecklistDraftInput>;

// ─── Parent procedures ──────────────────────────────────────────────────────────────────────────

export const listChecklistsInput = z
  .object({ stage: z.enum(CHECKLIST_STAGES, { error: '适用对象须为 CHILD、ANY 或 UNIVERSITY' }).optional() })
  .optional();

const answerValue = z.union([z.literal(0), z.literal(1), z.literal(2)], {
  error: '每题的回答须为 0（从不）、1（有时）或 2（经常）',
});

export const submitChecklistInput = z.object({
  checklistId: idSchema,
  childId: idSchema,
  answers: z
    .record(z.string().max(32, { error: '题目编号不正确' }), answerValue, { error: '请回答清单中的题目' })
    .refine((a) => Object.keys(a).length <= 100, { message: '回答的题目过多' }),
  shareWithSchool: z.boolean({ error: '请选择是否分享给学校' }),
  /** Whether the family's other guardians may see this result (the submitter's answers are their own). */
  shareWithFamily: z.boolean({ error: '请选择是否让家里其他监护人看到' }).optional().default(false),
});
/** What a submission carries (the family share may be left out: it defaults to no). */
export type SubmitChecklistInput = z.input<typeof submitChecklistInput>;

/** A checklist being answered about one child (checklists.answerDraft, checklists.discardAnswerDraft). */
export const answerDraftKeyInput = z.object({ checklistId: idSchema, childId: idSchema });

/** The answers so far and the item on screen: kept until submitted (checklists.saveAnswerDraft). */
export const saveAnswerDraftInput = answerDraftKeyInput.extend({
  answers: z
    .record(z.string().max(32, { error: '题目编号不正确' }), answerValue, { error: '作答格式不正确' })
    .refine((a) => Object.keys(a).length <= 100, { message: '回答的题目过多' }),
  step: z
    .number({ error: '题号须为整数' })
    .int({ error: '题号须为整数' })
    .min(-1, { error: '题号不正确' })
    .max(100, { error: '题号不正确' }),
});
export type SaveAnswerDraftInput = z.infer<typeof saveAnswerDraftInput>;

export const responseIdInput = z.object({ responseId: idSchema });
export const checklistIdInput = z.object({ checklistId: idSchema });

// ─── Counsellor and region procedures ───────────────────────────────────────────────────────────

export const listReferralsInput = z
  .object({ status: z.enum(REFERRAL_STATUSES, { error: '状态须为 OPEN、ACKNOWLEDGED 或 CLOSED' }).optional() })
  .optional();

export const referralIdInput = z.object({ referralId: idSchema });

export const addReferralActionInput = z
  .object({
    referralId: idSchema,
    action: z.enum(REFERRAL_ACTIONS, {
      error: '跟进记录类型须为：尝试联系、已联系上家长、已与孩子面谈、已建议就医、备注或结束跟进',
    }),
    note: z.string().trim().max(2000, { error: '备注不能超过 2000 个字' }).optional(),
  })
  .refine((v) => v.action !== 'NOTE' || (typeof v.note === 'string' && v.note.length > 0), {
    path: ['note'],
    message: '请填写备注内容',
  });

export const referralStatsInput = z.object({
  orgUnitId: idSchema,
  year: z
    .number({ error: '请填写年度' })
    .int({ error: '年度须为整数' })
    .min(2020, { error: '年度不正确' })
    .max(2100, { error: '年度不正确' }),
});
