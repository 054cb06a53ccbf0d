// Zod schemas shared by the mini program, the web build and the server.
// The client must call z.config({ jitless: true }) before importing this file (WeChat forbids eval).
import { z } from 'zod';
import { GUARDIAN_RELATIONS, GUARDIAN_RELATION_LABELS, CONSENT_SCOPES } from './enums';
import { normalizeGrade } from './grades';

/** A required, trimmed text field with Chinese messages (shared by every domain's schemas). */
export const requiredText = (label: string, max: number) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .min(1, { error: `请填写${label}` })
    .max(max, { error: `${label}不能超过 ${max} 个字` });

/** The reason for a correction to a year already signed off (reports.signOff): kept with the revision. */
export const correctionReason = z
  .string({ error: '更正原因须为文字' })
  .trim()
  .max(200, { error: '更正原因不能超过 200 个字' });

/** Grade codes, see grades.ts: K1–K3, G1–G12, U1–U4. */
export const GRADE_CODE = /^(K[1-3]|G([1-9]|1[0-2])|U[1-4])$/;

/** The most families one session can hold (a school's hall, or a county's online lecture). */
export const SESSION_CAPACITY_MAX = 2000;

/** 名额: families a session holds, 1–SESSION_CAPACITY_MAX (the 新建活动 form and the server check the same). */
export const sessionCapacity = z
  .number({ error: '请填写人数上限（按家庭计）' })
  .int({ error: '人数上限须为整数' })
  .min(1, { error: '人数上限至少为 1 个家庭' })
  .max(SESSION_CAPACITY_MAX, { error: `人数上限最多 ${SESSION_CAPACITY_MAX} 个家庭` });

export const idSchema = z
  .string({ error: '缺少编号' })
  .min(1, { error: '缺少编号' })
  .max(64, { error: '编号格式不正确' });

export const wechatLoginInput = z.object({
  code: z
    .string({ error: '缺少微信登录凭证 code' })
    .min(1, { error: '缺少微信登录凭证 code' })
    .max(128, { error: '登录凭证格式不正确' })
    .regex(/^[A-Za-z0-9_-]+$/, { error: '登录凭证格式不正确' }),
});

export const passwordLoginInput = z.object({
  username: requiredText('用户名', 64),
  password: z.string({ error: '请填写密码' }).min(1, { error: '请填写密码' }).max(128, { error: '密码过长' }),
});

export const orgUnitChildrenInput = z.object({
  parentId: idSchema.nullable().optional().default(null),
});

const relationSchema = z.preprocess(
  (v) => {
    if (typeof v !== 'string') return v;
    const entry = Object.entries(GUARDIAN_RELATION_LABELS).find(([, label]) => label === v.trim());
    return entry ? entry[0] : v.trim().toUpperCase();
  },
  z.enum(GUARDIAN_RELATIONS, {
    error: '与孩子的关系须为：父亲、母亲、祖父母 / 外祖父母、其他亲属、受委托照护人或其他',
  }),
);

export const gradeSchema = z.preprocess(
  (v) => normalizeGrade(v) ?? v,
  z.string({ error: '请选择孩子的年级' }).regex(GRADE_CODE, { error: '年级不正确，请从列表中选择' }),
);

export const joinFamilyInput = z.object({
  inviteCode: z
    .string({ error: '请填写邀请码' })
    .trim()
    .min(4, { error: '邀请码至少 4 位' })
    .max(32, { error: '邀请码过长' })
    // Read aloud or copied from a message: spaces and dashes between groups do not count.
    .transform((v) => v.replace(/[\s-]/g, '').toUpperCase()),
  relation: relationSchema,
  child: z.object(
    {
      name: requiredText('孩子姓名', 32),
      grade: gradeSchema,
    },
    { error: '请填写孩子的姓名和年级' },
  ),
});

export const consentScopeSchema = z.enum(CONSENT_SCOPES, { error: '授权范围不正确' });

export const grantConsentInput = z.object({
  scope: consentScopeSchema,
  textVersion: requiredText('授权文本版本', 32),
});

export const withdrawConsentInput = z.object({ scope: consentScopeSchema });

export type JoinFamilyInput = z.infer<typeof joinFamilyInput>;

export const orgUnitScopedInput = z.object({ orgUnitId: idSchema });

const inviteCodeField = z
  .string({ error: '缺少邀请码' })
  .trim()
  .min(4, { error: '邀请码格式不正确' })
  .max(32, { error: '邀请码格式不正确' })
  .transform((v) => v.toUpperCase());

export const inviteCodeInput = z.object({ code: inviteCodeField });
export const setInviteDisabledInput = z.object({ code: inviteCodeField, disabled: z.boolean() });

export const createClassInviteInput = z.object({
  orgUnitId: idSchema,
  grade: gradeSchema,
  className: requiredText('班级名称', 32),
});

export const reportInput = z.object({
  orgUnitId: idSchema,
  year: z
    .number({ error: '请选择年度' })
    .int({ error: '年度须为整数' })
    .min(2020, { error: '年度不早于 2020 年' })
    .max(2100, { error: '年度不正确' }),
  /** The education line (schools) or the federation line (community guidance stations). */
  siteKind: z.enum(['SCHOOL', 'COMMUNITY_SITE'], { error: '站点类型须为 SCHOOL 或 COMMUNITY_SITE' }).optional(),
});

const SEMESTER_MESSAGE =
  '学期须写作 YYYY-09（第一学期，9 月 1 日至次年 1 月 31 日）或 YYYY-02（第二学期，2 月 1 日至 8 月 31 日），如 2026-09';

/** A semester by its key (contract v2, see semesterOfKey in china-time.ts), from 2020 on. */
export const semesterKeySchema = z
  .string({ error: SEMESTER_MESSAGE })
  .regex(/^20[2-9]\d-(02|09)$/, { error: SEMESTER_MESSAGE });

/** reports.ledgerXlsx: a school's or site's semester ledger (台账); the semester in progress when none is named. */
export const ledgerInput = z.object({ orgUnitId: idSchema, semester: semesterKeySchema.optional() });

/** A guardian of the caller's family (families.authorizeCarer, families.revokeCarer, families.confirmLegalGuardian). */
export const guardianIdInput = z.object({ guardianId: idSchema });
