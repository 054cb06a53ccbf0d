// Lesson library (服务包): zod input schemas shared by client and server. No Node, no Prisma imports.
import { z } from 'zod';
import { STAGE_LABELS, type Stage } from './grades';
import { LESSON_FORMATS, LESSON_TOPICS } from './lessons';
import { idSchema, requiredText } from './schemas';

export const LESSON_STAGES = Object.keys(STAGE_LABELS) as [Stage, ...Stage[]];

export const LESSON_TITLE_MAX = 60;
export const LESSON_SUMMARY_MAX = 200;
export const LESSON_BODY_MAX = 20_000;
export const LESSON_PAGE_SIZE = 20;

/** Optional text: blank means "none" (stored as null). */
const optionalText = (label: string, max: number) =>
  z
    .string({ error: `${label}须为文字` })
    .trim()
    .max(max, { error: `${label}不能超过 ${max} 个字` })
    .transform((v) => (v === '' ? null : v))
    .nullable();

export const lessonTopicSchema = z.enum(LESSON_TOPICS, { error: '课程主题不正确，请从列表中选择' });
export const lessonFormatSchema = z.enum(LESSON_FORMATS, { error: '课程形式须为图文或视频' });
export const lessonStageSchema = z.enum(LESSON_STAGES, { error: '学段不正确，请从学前、小学、初中、高中、大学中选择' });

const stagesSchema = z
  .array(lessonStageSchema, { error: '请选择适用学段' })
  .min(1, { error: '请至少选择一个适用学段' })
  .max(LESSON_STAGES.length, { error: '适用学段重复' })
  .transform((v) => [...new Set(v)]);

const videoUrlSchema = z
  .string({ error: '视频地址须为网址' })
  .trim()
  .max(500, { error: '视频地址过长' })
  .transform((v) => (v === '' ? null : v))
  .nullable()
  .refine((v) => v === null || isHttpsUrl(v), { error: '视频地址须为以 https:// 开头的网址' });

const durationSchema = z
  .number({ error: '时长须为分钟数' })
  .int({ error: '时长须为整数分钟' })
  .min(1, { error: '时长至少 1 分钟' })
  .max(240, { error: '时长不能超过 240 分钟' })
  .nullable();

export function isHttpsUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' && url.hostname.length > 0;
  } catch {
    return false;
  }
}

/** The one rule tying format to content; used by the create schema and by the update service (on the merged lesson). */
export function lessonContentProblem(l: {
  format: string;
  body?: string | null;
  videoUrl?: string | null;
}): { field: 'body' | 'videoUrl'; message: string } | null {
  if (l.format === 'ARTICLE' && !l.body) return { field: 'body', message: '图文课程须填写正文' };
  if (l.format === 'VIDEO' && !l.videoUrl)
    return { field: 'videoUrl', message: '视频课程须填写以 https:// 开头的视频地址' };
  return null;
}

const lessonFields = {
  title: requiredText('课程标题', LESSON_TITLE_MAX),
  summary: optionalText('课程简介', LESSON_SUMMARY_MAX).optional(),
  topic: lessonTopicSchema,
  stages: stagesSchema,
  format: lessonFormatSchema,
  body: optionalText('课程正文', LESSON_BODY_MAX).optional(),
  videoUrl: videoUrlSchema.optional(),
  durationMinutes: durationSchema.optional(),
};

export const createLessonInput = z.object({ orgUnitId: idSchema, ...lessonFields }).superRefine((v, ctx) => {
  const problem = lessonContentProblem(v);
  if (problem) ctx.addIssue({ code: 'custom', path: [problem.field], message: problem.message });
});

/** Partial: fields left out stay as they are; `null` clears an optional field. The format rule is checked on the result. */
export const updateLessonInput = z.object({
  lessonId: idSchema,
  title: lessonFields.title.optional(),
  summary: lessonFields.summary,
  topic: lessonTopicSchema.optional(),
  stages: stagesSchema.optional(),
  format: lessonFormatSchema.optional(),
  body: lessonFields.body,
  videoUrl: lessonFields.videoUrl,
  durationMinutes: lessonFields.durationMinutes,
});

export const lessonIdInput = z.object({ lessonId: idSchema });

/** One lesson's completions by class at a school (lessons.classStats). */
export const lessonClassStatsInput = z.object({ orgUnitId: idSchema, lessonId: idSchema });

export const listLessonsInput = z.object({
  stage: lessonStageSchema.optional(),
  topic: lessonTopicSchema.optional(),
  q: z
    .string({ error: '搜索词须为文字' })
    .trim()
    .max(50, { error: '搜索词不能超过 50 个字' })
    .transform((v) => (v === '' ? undefined : v))
    .optional(),
  cursor: idSchema.nullish(),
  limit: z
    .number({ error: '每页条数须为数字' })
    .int()
    .min(1, { error: '每页至少 1 条' })
    .max(50, { error: '每页最多 50 条' })
    .optional(),
});

export type CreateLessonInput = z.infer<typeof createLessonInput>;
export type UpdateLessonInput = z.infer<typeof updateLessonInput>;
export type ListLessonsInput = z.infer<typeof listLessonsInput>;
