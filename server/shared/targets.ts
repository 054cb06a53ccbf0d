// The policy targets federations and bureaus answer to, as data (reports.compliance, the dashboard).
// Runs on both sides: no Node or Prisma imports.
import { z } from 'zod';
import { reportInput, requiredText, semesterKeySchema } from './schemas';

export const TARGET_KEYS = [
  'SCHOOL_SEMESTER_ACTIVITIES',
  'SITE_YEAR_ACTIVITIES',
  'ACTIVE_SITE_SHARE',
  'PARTICIPATION_RATE',
  'SPECIAL_GROUP_SEMESTER_VISITS',
] as const;
export type TargetKey = (typeof TARGET_KEYS)[number];

/** What each target measures, its unit and the policy it comes from. */
export const TARGET_INFO: Record<
  TargetKey,
  { label: string; unit: 'count' | 'share'; source: string; initial: number; min: number; max: number }
> = {
  SCHOOL_SEMESTER_ACTIVITIES: {
    label: '学校家长学校每学期开展指导活动（场）',
    unit: 'count',
    source: '《全国家庭教育指导工作五年规划（2021—2025年）》；教育部《十条措施》（2025）',
    initial: 2,
    min: 1,
    max: 50,
  },
  SITE_YEAR_ACTIVITIES: {
    label: '社区家长学校每年开展公益指导活动（场）',
    unit: 'count',
    source: '《全国家庭教育指导工作五年规划（2021—2025年）》',
    initial: 4,
    min: 1,
    max: 100,
  },
  ACTIVE_SITE_SHARE: {
    label: '开展心理健康教育的家庭教育指导服务站点占比',
    unit: 'share',
    source: '黑教联〔2023〕98号（专项行动计划 2023—2025 年）',
    initial: 0.6,
    min: 0.01,
    max: 1,
  },
  PARTICIPATION_RATE: {
    label: '家长学校活动家长参与率',
    unit: 'share',
    source: '县级家长学校评估标准',
    initial: 0.8,
    min: 0.01,
    max: 1,
  },
  SPECIAL_GROUP_SEMESTER_VISITS: {
    label: '特殊群体学生家庭每学期家访（次）',
    unit: 'count',
    source: '教育部《十条措施》（2025）',
    initial: 1,
    min: 1,
    max: 10,
  },
};

export type Targets = Record<TargetKey, number>;

export const setTargetInput = z
  .object({
    key: z.enum(TARGET_KEYS, { error: '请选择要调整的指标' }),
    value: z.number({ error: '请填写目标值' }).finite({ error: '目标值不正确' }),
    /** The first day (China calendar) the new value applies, `YYYY-MM-DD`. */
    effectiveFrom: z
      .string({ error: '请填写生效日期' })
      .regex(/^\d{4}-\d{2}-\d{2}$/, { error: '生效日期格式应为 YYYY-MM-DD' }),
    /** The policy document or decision behind the change. */
    basis: requiredText('调整依据（文件名称或文号）', 200),
  })
  .superRefine((v, ctx) => {
    const info = TARGET_INFO[v.key];
    if (v.value < info.min || v.value > info.max) {
      const show = (n: number) => (info.unit === 'share' ? `${Math.round(n * 100)}%` : String(n));
      ctx.addIssue({
        code: 'custom',
        path: ['value'],
        message: `目标值应在 ${show(info.min)} 至 ${show(info.max)} 之间`,
      });
    }
    if (info.unit === 'count' && !Number.isInteger(v.value))
      ctx.addIssue({ code: 'custom', path: ['value'], message: '场次、次数须为整数' });
  });
export type SetTargetInput = z.infer<typeof setTargetInput>;

/** A target for display: 60% or 2 场. */
export function targetText(key: TargetKey, value: number): string {
  return TARGET_INFO[key].unit === 'share' ? `${Math.round(value * 1000) / 10}%` : String(value);
}

export const complianceInput = z.object({
  orgUnitId: reportInput.shape.orgUnitId,
  year: reportInput.shape.year,
  /** Defaults to the semester in progress. */
  semester: semesterKeySchema.optional(),
});
export type ComplianceInput = z.infer<typeof complianceInput>;
