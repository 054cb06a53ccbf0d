// 识别心理危机信号小测验: a short check of what parents learned (item 19 asks that they learn to recognise the
// warning signs and contact the school in time), taken before and after a mental-health session or a lesson.
// The questions are our own words, written from public material on youth crisis signs and help lines (the
// national 12356 psychological-assistance line, the 12355 youth line, and public mental-health literacy
// guidance); they are labelled as such on the page. Results are kept without the family's identity and are
// reported only as averages per unit. Runs on both sides: no Node or Prisma imports.
import { z } from 'zod';
import { idSchema } from './schemas';

export const KNOWLEDGE_CHECK_VERSION = '2026-12';

export const KNOWLEDGE_CHECK_SOURCE =
  '题目由心桥根据公开的青少年心理健康科普资料和心理援助热线（12356、12355）的公开说明自行编写，仅用于家长学习，不是心理测评。';

export interface KnowledgeQuestion {
  id: string;
  text: string;
  options: string[];
  /** Index of the one right answer. */
  answer: number;
  /** Why, in plain words (shown after answering). */
  explain: string;
}

export const KNOWLEDGE_QUESTIONS: readonly KnowledgeQuestion[] = [
  {
    id: 'k1',
    text: '孩子最近两周总是说“活着没意思”，您应该怎么做？',
    options: [
      '孩子说说而已，不用当真',
      '认真对待，平静地问问孩子怎么了，并尽快联系学校心理老师',
      '批评孩子不该说这种话',
    ],
    answer: 1,
    explain: '“活着没意思”一类的话可能是危机信号。认真对待、耐心倾听，并及时联系学校或专业人员。',
  },
  {
    id: 'k2',
    text: '下面哪一种情况更需要警惕？',
    options: ['考试没考好，难过了一个晚上', '连续两周以上睡不好、不想吃饭、不愿出门见人', '周末想多睡一会儿'],
    answer: 1,
    explain: '情绪低落、睡眠和饮食明显改变、回避与人接触持续两周以上，需要留意并寻求帮助。',
  },
  {
    id: 'k3',
    text: '发现孩子把自己心爱的东西送给别人，还说“以后用不着了”，这可能是？',
    options: ['孩子变大方了', '需要重视的危机信号，应当尽快和孩子谈谈并联系学校', '没有什么特别的意思'],
    answer: 1,
    explain: '突然送出珍爱物品、交代“后事”一类的话，是需要立即重视的信号。',
  },
  {
    id: 'k4',
    text: '孩子情绪很差、不想说话时，哪种做法更好？',
    options: ['陪在身边，告诉孩子“我在，你可以慢慢说”', '一直追问“你到底怎么了”', '说“别想太多，过几天就好了”'],
    answer: 0,
    explain: '陪伴和倾听比追问、说教更能让孩子愿意开口。',
  },
  {
    id: 'k5',
    text: '深夜担心孩子有危险，又联系不上学校，可以拨打哪个电话？',
    options: ['12356 心理援助热线，紧急情况拨打 120 或 110', '只能等到第二天再说', '在网上发帖求助'],
    answer: 0,
    explain: '12356 是全国统一的心理援助热线；有伤害自己或他人的危险时，立即拨打 120 或 110。',
  },
  {
    id: 'k6',
    text: '孩子告诉您他有伤害自己的想法，并请您“别告诉任何人”，您应该？',
    options: ['答应保密，不告诉任何人', '告诉孩子您会帮他，并联系学校心理老师或专业机构一起帮助他', '装作没听见'],
    answer: 1,
    explain: '涉及安全时不能替孩子保密。告诉孩子您是为了帮助他，并及时寻求专业帮助。',
  },
  {
    id: 'k7',
    text: '发现孩子身上有反复出现的划伤，正确的做法是？',
    options: [
      '当众责骂，让孩子保证不再这样',
      '冷静处理伤口，温和地和孩子谈，并尽快联系学校或医院',
      '假装没看见，免得孩子难堪',
    ],
    answer: 1,
    explain: '责骂会让孩子更封闭，忽视会错过帮助的时机。冷静、温和，并尽快寻求专业帮助。',
  },
];

export const KNOWLEDGE_PHASES = ['BEFORE', 'AFTER'] as const;
export type KnowledgePhase = (typeof KNOWLEDGE_PHASES)[number];

export const knowledgeSubmitInput = z
  .object({
    sessionId: idSchema.optional(),
    lessonId: idSchema.optional(),
    phase: z.enum(KNOWLEDGE_PHASES, { error: '请说明是学习前还是学习后作答' }),
    answers: z
      .array(z.number({ error: '请选择答案' }).int().min(0).max(5), { error: '请回答全部题目' })
      .length(KNOWLEDGE_QUESTIONS.length, { error: '请回答全部题目' }),
  })
  .refine((v) => (v.sessionId ? 1 : 0) + (v.lessonId ? 1 : 0) === 1, {
    error: '请说明是哪一场活动或哪一节课的小测验',
  });
export type KnowledgeSubmitInput = z.infer<typeof knowledgeSubmitInput>;

/** The score of a set of answers (one per question, in order). */
export function knowledgeScore(answers: readonly number[]): number {
  return KNOWLEDGE_QUESTIONS.reduce((n, q, i) => n + (answers[i] === q.answer ? 1 : 0), 0);
}
