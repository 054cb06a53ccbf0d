// Sessions: enums, Chinese labels and zod schemas shared by client and server.
import { z } from 'zod';
import { STAGE_LABELS, normalizeGrade } from './grades';
import { GRADE_CODE, correctionReason, idSchema, requiredText, sessionCapacity } from './schemas';

export const SESSION_KINDS = ['GUIDANCE', 'LESSON', 'LECTURE', 'SALON', 'NEW_STUDENT_CLASS'] as const;
export type SessionKind = (typeof SESSION_KINDS)[number];

/** The policy's own names (黑教联〔2023〕98号 第 19 条). */
export const SESSION_KIND_LABELS: Record<SessionKind, string> = {
  GUIDANCE: '家庭心理健康教育指导服务',
  LESSON: '家长学校课程',
  LECTURE: '公益讲座',
  SALON: '亲子沙龙',
  NEW_STUDENT_CLASS: '新生家长课堂',
};

export const SESSION_MODES = ['OFFLINE', 'ONLINE'] as const;
export const SESSION_MODE_LABELS = { OFFLINE: '线下', ONLINE: '线上' } as const;

export const SESSION_STATUSES = ['DRAFT', 'PUBLISHED', 'CANCELLED'] as const;
export const SESSION_STATUS_LABELS = { DRAFT: '草稿', PUBLISHED: '已发布', CANCELLED: '已取消' } as const;

export const REGISTRATION_STATUSES = ['CONFIRMED', 'WAITLISTED', 'CANCELLED'] as const;
export const REGISTRATION_STATUS_LABELS = {
  CONFIRMED: '报名成功',
  WAITLISTED: '排队等候中',
  CANCELLED: '已取消',
} as const;

export const ATTENDANCE_METHODS = ['QR', 'ROLL_CALL', 'PAPER'] as const;
export const ATTENDANCE_METHOD_LABELS = { QR: '扫码签到', ROLL_CALL: '现场点名', PAPER: '纸质签到表补录' } as const;

export const STAGES = Object.keys(STAGE_LABELS) as (keyof typeof STAGE_LABELS)[];

const isoInstant = (label: string) =>
  z.iso
    .datetime({ offset: true, error: `${label}须为带时区的时间，如 2026-12-05T19:00:00+08:00` })
    .transform((v) => new Date(v));

const optionalText = (label: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: `${label}不能超过 ${max} 个字` })
    .optional()
    .transform((v) => (v ? v : undefined));

const gradeList = z
  .array(z.preprocess((v) => normalizeGrade(v) ?? v, z.string().regex(GRADE_CODE, { error: '年级不正确' })))
  .max(19)
  .optional();

const sessionFields = {
  kind: z.enum(SESSION_KINDS, { error: '活动类型须为：指导服务、家长学校课程、公益讲座、亲子沙龙或新生家长课堂' }),
  title: requiredText('活动名称', 60),
  description: optionalText('活动介绍', 2000),
  speaker: optionalText('主讲人', 60),
  stages: z
    .array(z.enum(STAGES as [string, ...string[]], { error: '学段不正确' }))
    .max(5)
    .optional(),
  grades: gradeList,
  mode: z.enum(SESSION_MODES, { error: '形式须为线下或线上' }),
  venue: optionalText('地点', 120),
  liveUrl: z
    .url({ protocol: /^https?$/, error: '直播链接须为 http(s) 网址' })
    .max(500)
    .optional(),
  capacity: sessionCapacity,
  mentalHealth: z.boolean().optional(),
};

// zod runs object refinements even when a field failed, with that field's raw value: check types.
const asDate = (v: unknown): Date | undefined => (v instanceof Date ? v : undefined);

function checkTimes(v: { startsAt?: unknown; endsAt?: unknown }, ctx: z.RefinementCtx) {
  const startsAt = asDate(v.startsAt);
  const endsAt = asDate(v.endsAt);
  if (!startsAt || !endsAt) return;
  if (endsAt <= startsAt) ctx.addIssue({ code: 'custom', path: ['endsAt'], message: '结束时间须晚于开始时间' });
  else if (endsAt.getTime() - startsAt.getTime() > 24 * 3600_000)
    ctx.addIssue({ code: 'custom', path: ['endsAt'], message: '一场活动不能超过 24 小时' });
}

function checkPlace(v: { mode?: unknown; venue?: unknown }, ctx: z.RefinementCtx) {
  if (v.mode === 'OFFLINE' && v.venue === undefined)
    ctx.addIssue({ code: 'custom', path: ['venue'], message: '线下活动请填写地点' });
}

function checkTimesAndPlace(
  v: { startsAt?: unknown; endsAt?: unknown; mode?: unknown; venue?: unknown },
  ctx: z.RefinementCtx,
) {
  checkTimes(v, ctx);
  checkPlace(v, ctx);
}

export const createSessionInput = z
  .object({
    orgUnitId: idSchema,
    ...sessionFields,
    startsAt: isoInstant('开始时间'),
    endsAt: isoInstant('结束时间'),
    /** Save without publishing (parents do not see drafts). */
    draft: z.boolean().optional(),
    lessonIds: z.array(idSchema).max(20).optional(),
  })
  .superRefine(checkTimesAndPlace);

export const updateSessionInput = z
  .object({
    sessionId: idSchema,
    title: sessionFields.title.optional(),
    description: sessionFields.description,
    speaker: sessionFields.speaker,
    stages: sessionFields.stages,
    grades: sessionFields.grades,
    mode: sessionFields.mode.optional(),
    venue: sessionFields.venue,
    liveUrl: sessionFields.liveUrl,
    capacity: sessionFields.capacity.optional(),
    mentalHealth: sessionFields.mentalHealth,
    startsAt: isoInstant('开始时间').optional(),
    endsAt: isoInstant('结束时间').optional(),
    lessonIds: z.array(idSchema).max(20).optional(),
  })
  .superRefine(checkTimes);

/** 复制活动: the copy's own time. */
export const copySessionInput = z
  .object({ sessionId: idSchema, startsAt: isoInstant('开始时间'), endsAt: isoInstant('结束时间') })
  .superRefine(checkTimes);

export const createCourseInput = z
  .object({
    orgUnitId: idSchema,
    ...sessionFields,
    kind: sessionFields.kind.default('LESSON'),
    firstStartsAt: isoInstant('第一课开始时间'),
    durationMinutes: z.number().int().min(15, { error: '每课至少 15 分钟' }).max(480, { error: '每课不超过 8 小时' }),
    weeks: z.number().int().min(2, { error: '系列课程至少 2 课' }).max(52, { error: '系列课程不超过 52 课' }),
    draft: z.boolean().optional(),
  })
  .superRefine(checkPlace);

export const listSessionsInput = z
  .object({
    orgUnitId: idSchema.optional(),
    from: isoInstant('起始时间').optional(),
    to: isoInstant('截止时间').optional(),
    cursor: z.string().max(200).optional(),
    limit: z.number().int().min(1).max(100).optional(),
    /** 活动类型 */
    kind: z.enum(SESSION_KINDS, { error: '活动类型不正确' }).optional(),
    /** 已发布 / 草稿 / 已取消 */
    status: z.enum(SESSION_STATUSES, { error: '活动状态须为已发布、草稿或已取消' }).optional(),
    /** Words in the title (活动名称). */
    q: z.string().trim().max(60, { error: '搜索的活动名称不能超过 60 个字' }).optional(),
    /** The newest first (browsing past sessions); the cursor then pages backwards in time. */
    newestFirst: z.boolean().optional(),
  })
  .optional()
  .default({});

export const sessionIdInput = z.object({ sessionId: idSchema });

/** 补录未报名的家庭: a child's name (or part of it) or a class, as the coordinator types it. */
export const walkInSearchInput = z.object({
  sessionId: idSchema,
  q: z
    .string({ error: '请输入孩子姓名或班级' })
    .trim()
    .min(1, { error: '请输入孩子姓名或班级' })
    .max(30, { error: '搜索内容不能超过 30 个字' }),
});

/** The roster, optionally only the households whose child's name, class or guardian matches `q`. */
export const rosterInput = z.object({
  sessionId: idSchema,
  q: z.string().trim().max(30, { error: '搜索内容不能超过 30 个字' }).optional(),
});

export const registerInput = z.object({
  sessionId: idSchema,
  attendees: z
    .number()
    .int()
    .min(1, { error: '到场人数至少 1 人' })
    .max(10, { error: '到场人数不超过 10 人' })
    .optional(),
});

/**
 * What a parent scanned or typed, as the code itself: the check-in link of a QR code (…?code=…) gives its
 * code, and spaces typed inside a 6-digit code are dropped.
 */
export function checkInCodeOf(raw: string): string {
  const text = raw.trim();
  const fromLink = /[?&]code=([^&#\s]+)/.exec(text);
  if (fromLink) {
    try {
      return decodeURIComponent(fromLink[1]);
    } catch {
      return fromLink[1];
    }
  }
  const digits = text.replace(/[\s-]/g, '');
  return /^\d{6}$/.test(digits) ? digits : text;
}

export const checkInInput = z.object({
  code: z
    .string({ error: '请扫描签到二维码，或输入 6 位签到码' })
    .max(500, { error: '签到码不对' })
    .transform(checkInCodeOf)
    .pipe(
      z
        .string()
        .min(6, { error: '请扫描签到二维码，或输入 6 位签到码' })
        .refine((c) => /^\d{6}$/.test(c) || c.length >= 10, { error: '签到码不对，线上活动的签到码是 6 位数字' }),
    ),
});

/** 代办: a coordinator registers a household for a session on its behalf. */
export const registerFamilyInput = z.object({ sessionId: idSchema, familyId: idSchema });

export const markAttendanceInput = z.object({
  sessionId: idSchema,
  familyId: idSchema,
  present: z.boolean({ error: '请选择是否到场' }),
  /** ROLL_CALL during the session; PAPER when entering a paper sign-in sheet afterwards. */
  method: z.enum(['ROLL_CALL', 'PAPER']).optional(),
  /** Why, when the session's year has been signed off (the change is kept as a revision). */
  correctionReason: correctionReason.optional(),
});

export const cancelSessionInput = z.object({ sessionId: idSchema, reason: optionalText('取消原因', 200) });

export const rateSessionInput = z.object({
  sessionId: idSchema,
  rating: z
    .number({ error: '请打分（1–5 分）' })
    .int()
    .min(1, { error: '评分为 1–5 分' })
    .max(5, { error: '评分为 1–5 分' }),
  comment: optionalText('评价', 500),
});
