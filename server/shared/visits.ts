// Home visits: labels and zod schemas shared by client and server.
import { z } from 'zod';
import { addressSchema, mobileSchema } from './contacts';
import { GRADE_CODE, correctionReason, idSchema } from './schemas';

export const VISIT_SEASONS = ['WINTER', 'SUMMER', 'TERM'] as const;
export type VisitSeason = (typeof VISIT_SEASONS)[number];
export const VISIT_SEASON_LABELS = { WINTER: '寒假家访', SUMMER: '暑假家访', TERM: '学期中电话家访' } as const;

export const VISIT_MODES = ['HOME', 'PHONE', 'VIDEO'] as const;
export type VisitMode = (typeof VISIT_MODES)[number];
export const VISIT_MODE_LABELS: Record<VisitMode, string> = { HOME: '入户家访', PHONE: '电话家访', VIDEO: '视频家访' };

export const VISIT_STATUSES = ['BOOKED', 'COMPLETED', 'CANCELLED', 'NO_SHOW', 'RESCHEDULED_BY_FAMILY'] as const;
export type VisitStatus = (typeof VISIT_STATUSES)[number];
export const VISIT_STATUS_LABELS = {
  BOOKED: '已预约',
  COMPLETED: '已完成',
  CANCELLED: '已取消',
  NO_SHOW: '未遇到家庭（未到）',
  RESCHEDULED_BY_FAMILY: '家长要求改期',
} as const;

/**
 * Outcomes of a visit whose time has come other than a record: neither is a service (coverage counts
 * COMPLETED only); a rescheduled one frees the family to book again in the window.
 */
export const VISIT_MISSED_OUTCOMES = ['NO_SHOW', 'RESCHEDULED_BY_FAMILY'] as const;
export type VisitMissedOutcome = (typeof VISIT_MISSED_OUTCOMES)[number];
/** Statuses that do not hold the family's one visit in a window (it may book again). */
export const VISIT_RELEASED_STATUSES = ['CANCELLED', 'RESCHEDULED_BY_FAMILY'] as const;

/** How long after completing it the visiting teacher may still correct a record (the one rule). */
export const RECORD_EDIT_DAYS = 7;

/** Structured topics of a visit record. */
export const VISIT_TOPICS = [
  'ROUTINE',
  'EMOTION',
  'COMMUNICATION',
  'STUDY_PRESSURE',
  'SAFETY',
  'MENTAL_HEALTH',
] as const;
export const VISIT_TOPIC_LABELS = {
  ROUTINE: '作息',
  EMOTION: '情绪',
  COMMUNICATION: '亲子沟通',
  STUDY_PRESSURE: '学业压力',
  SAFETY: '安全教育',
  MENTAL_HEALTH: '心理健康知识',
} as const;

/** The policy's groups of students needing special attention (items 10–12). */
export const PRIORITY_REASONS = [
  'ACADEMIC_PRESSURE',
  'ECONOMIC_HARDSHIP',
  'EMOTIONAL_CRISIS',
  'FAMILY_CHANGE',
  'BULLYING',
  'CHECKLIST_REFERRAL',
  'OTHER',
] as const;
export type PriorityReason = (typeof PRIORITY_REASONS)[number];
export const PRIORITY_REASON_LABELS = {
  ACADEMIC_PRESSURE: '学业或就业压力',
  ECONOMIC_HARDSHIP: '家庭经济困难',
  EMOTIONAL_CRISIS: '情感危机',
  FAMILY_CHANGE: '家庭变故',
  BULLYING: '校园欺凌',
  CHECKLIST_REFERRAL: '预警清单转介',
  OTHER: '其他',
} as const;

const day = (label: string) => z.iso.date({ error: `${label}须为日期，如 2027-01-20` });
const instant = (label: string) =>
  z.iso
    .datetime({ offset: true, error: `${label}须为带时区的时间，如 2027-01-20T09:00:00+08:00` })
    .transform((v) => new Date(v));

export const createWindowInput = z
  .object({
    orgUnitId: idSchema,
    season: z.enum(VISIT_SEASONS, { error: '家访类型须为 WINTER（寒假）、SUMMER（暑假）或 TERM（学期中电话家访）' }),
    startsOn: day('开始日期'),
    endsOn: day('结束日期'),
    title: z.string().trim().min(1).max(60, { error: '名称不能超过 60 个字' }).optional(),
    travelBufferMinutes: z.number().int().min(0).max(240, { error: '路程间隔不超过 240 分钟' }).optional(),
  })
  .superRefine((v, ctx) => {
    if (typeof v.startsOn === 'string' && typeof v.endsOn === 'string' && v.endsOn < v.startsOn) {
      ctx.addIssue({ code: 'custom', path: ['endsOn'], message: '结束日期不能早于开始日期' });
    }
  });

const slot = z
  .object({
    startsAt: instant('开始时间'),
    endsAt: instant('结束时间'),
    mode: z.enum(VISIT_MODES, { error: '家访方式须为 HOME（入户）、PHONE（电话）或 VIDEO（视频）' }),
  })
  .superRefine((v, ctx) => {
    if (v.startsAt instanceof Date && v.endsAt instanceof Date && v.endsAt <= v.startsAt) {
      ctx.addIssue({ code: 'custom', path: ['endsAt'], message: '结束时间须晚于开始时间' });
    }
  });

export const addSlotsInput = z.object({
  windowId: idSchema,
  slots: z
    .array(slot, { error: '请提供时段' })
    .min(1, { error: '至少提供一个时段' })
    .max(500, { error: '一次最多 500 个时段' }),
});

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: '时间格式应为 HH:mm' });

/** Bulk: days × time ranges, cut into slots of `durationMinutes`. */
export const addSlotsBulkInput = z.object({
  windowId: idSchema,
  days: z.array(day('日期')).min(1, { error: '至少选择一天' }).max(62),
  ranges: z
    .array(z.object({ start: hhmm, end: hhmm }).refine((r) => r.end > r.start, { message: '结束时间须晚于开始时间' }))
    .min(1, { error: '至少一个时间段' })
    .max(6),
  durationMinutes: z
    .number()
    .int()
    .min(10, { error: '每次家访至少 10 分钟' })
    .max(240, { error: '每次家访不超过 240 分钟' }),
  mode: z.enum(VISIT_MODES),
});

export const windowIdInput = z.object({ windowId: idSchema });
export const slotIdInput = z.object({ slotId: idSchema });
/**
 * A parent books a slot; with a phone visit they may give the number to call (kept as their contact mobile),
 * with a home visit the address to come to (encrypted on the visit). Both optional: the teacher can still
 * reach the family through the school.
 */
export const bookVisitInput = slotIdInput.extend({
  mobile: mobileSchema.optional(),
  address: addressSchema.optional(),
});
export const visitIdInput = z.object({ visitId: idSchema });
export const followUpIdInput = z.object({ followUpId: idSchema });

const followUpItem = z.object({
  action: z.string().trim().min(1, { error: '请填写跟进事项' }).max(200, { error: '跟进事项不超过 200 字' }),
  dueOn: day('完成期限'),
});

export const completeVisitInput = z.object({
  visitId: idSchema,
  /** Why, when the visit's year has been signed off (the record is kept as a revision). */
  correctionReason: correctionReason.optional(),
  summary: z
    .string({ error: '请填写家访小结' })
    .trim()
    .min(1, { error: '请填写家访小结' })
    .max(2000, { error: '家访小结不超过 2000 字' }),
  /** Free text, or structured follow-up actions with due dates. */
  followUp: z
    .union([z.string().trim().max(1000, { error: '跟进说明不超过 1000 字' }), z.array(followUpItem).max(10)])
    .optional(),
  topics: z
    .array(z.enum(VISIT_TOPICS, { error: '家访主题不正确' }))
    .max(6)
    .optional(),
  concerns: z
    .array(z.enum(PRIORITY_REASONS, { error: '关注事项不正确' }))
    .max(7)
    .optional(),
  notes: z.string().trim().max(5000, { error: '家访记录不超过 5000 字' }).optional(),
  address: z.string().trim().max(200, { error: '地址不超过 200 字' }).optional(),
});

/** Correcting a completed record: the same fields as the record (follow-ups stay as they are). */
export const editRecordInput = completeVisitInput.pick({
  visitId: true,
  summary: true,
  topics: true,
  concerns: true,
  notes: true,
  address: true,
});

export const visitOutcomeInput = z.object({
  visitId: idSchema,
  outcome: z.enum(VISIT_MISSED_OUTCOMES, {
    error: '结果须为 NO_SHOW（未遇到家庭）或 RESCHEDULED_BY_FAMILY（家长要求改期）',
  }),
  note: z.string().trim().max(1000, { error: '说明不超过 1000 字' }).optional(),
});

/** Reasons staff flag by hand; CHECKLIST_REFERRAL comes only from an open referral, seen by counsellors. */
export const MANUAL_PRIORITY_REASONS = PRIORITY_REASONS.filter(
  (r): r is Exclude<PriorityReason, 'CHECKLIST_REFERRAL'> => r !== 'CHECKLIST_REFERRAL',
);

export const flagPriorityInput = z.object({
  familyId: idSchema,
  reason: z.enum(MANUAL_PRIORITY_REASONS, { error: '重点关注原因不正确' }),
});

export const assignInput = z.object({ windowId: idSchema, familyId: idSchema, teacherId: idSchema });
/** One teacher for many families of a window: the chosen ones, or every family with a child in the classes. */
export const assignBulkInput = z
  .object({
    windowId: idSchema,
    teacherId: idSchema,
    familyIds: z.array(idSchema).min(1, { error: '请至少选择一户家庭' }).max(3000).optional(),
    classes: z
      .array(
        z.object({
          grade: z.string().regex(GRADE_CODE, { error: '年级不正确' }),
          className: z.string().trim().min(1).max(32),
        }),
      )
      .min(1, { error: '请至少选择一个班级' })
      .max(200)
      .optional(),
  })
  .refine((v) => (v.familyIds ? 1 : 0) + (v.classes ? 1 : 0) === 1, { message: '请选择家庭，或选择班级（二选一）' });
export const classTeacherInput = z.object({
  orgUnitId: idSchema,
  grade: z.string().regex(GRADE_CODE, { error: '年级不正确' }),
  className: z.string().trim().min(1).max(32),
  teacherId: idSchema,
});
export const bookForFamilyInput = z.object({ slotId: idSchema, familyId: idSchema });
export const rescheduleInput = z.object({ visitId: idSchema, slotId: idSchema });

/**
 * Special-group households (《十条措施》: a "一生一策" file, extra attention, at least one home visit a semester).
 * The list is data: labels and order come from here everywhere.
 */
export const SPECIAL_GROUPS = [
  'LEFT_BEHIND',
  'MIGRANT',
  'ORPHAN',
  'UNSUPPORTED',
  'SINGLE_PARENT',
  'DISABILITY',
] as const;
export type SpecialGroup = (typeof SPECIAL_GROUPS)[number];
export const SPECIAL_GROUP_LABELS: Record<SpecialGroup, string> = {
  LEFT_BEHIND: '留守儿童',
  MIGRANT: '流动儿童',
  ORPHAN: '孤儿',
  UNSUPPORTED: '事实无人抚养儿童',
  SINGLE_PARENT: '单亲家庭',
  DISABILITY: '残疾儿童',
};

export const setGroupsInput = z.object({
  familyId: idSchema,
  groups: z
    .array(z.enum(SPECIAL_GROUPS, { error: '群体须为：留守、流动、孤儿、事实无人抚养、单亲或残疾' }))
    .max(SPECIAL_GROUPS.length)
    .transform((g) => SPECIAL_GROUPS.filter((x) => g.includes(x))),
});

export const visitsDueInput = z.object({ orgUnitId: idSchema });
