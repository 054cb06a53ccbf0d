import { pathIds } from '../../shared/org-tree';
import { z } from 'zod';
import type { ChecklistStage, RiskTier } from '../../shared/checklists';

import { EMERGENCY_HOTLINES as EMERGENCY, NATIONAL_HOTLINES as NATIONAL, type Hotline } from '../../shared/help';

export type { Hotline };

/** Said with every result, whatever the tier. */
export const NOT_A_DIAGNOSIS = '说明：本结果只是筛查参考，不是诊断，不能代替医生或心理专业人员的评估。';

const NOW: Record<RiskTier, string> = {
  URGENT:
    '现在就做：孩子可能正处在危险中。请不要让孩子独处，收好药物、刀具、绳索等可能用来伤害自己的物品，陪在孩子身边。如果孩子有伤害自己或他人的紧急危险，请立即拨打 120 或 110。今天就联系孩子学校的心理健康教师或班主任，并尽快带孩子到正规医疗机构的精神心理科评估。',
  CONTACT_SCHOOL:
    '现在就做：结果提示孩子可能需要更多的帮助。建议在一两周内与班主任或学校心理健康教师沟通，了解孩子在学校的情况，一起商量支持的办法；必要时到正规医疗机构寻求专业评估。也可以先拨打 12356 心理援助热线咨询。',
  WATCH:
    '现在就做：孩子有一些值得留意的变化，但还没有达到需要联系学校的程度。请多陪伴、多观察，保证规律作息、睡眠和运动，两到四周后可以再填写一次。如果变化持续或加重，请与学校心理健康教师沟通。',
  NONE: '现在就做：本次没有发现明显的预警信号。请继续保持日常的陪伴和沟通；孩子遇到考试、转学、家庭变故等压力时，多留意他的情绪变化。',
};

const TALK: Record<RiskTier, string> = {
  URGENT:
    '怎样和孩子谈：找一个安静、不被打扰的时间，平静而直接地问：“你是不是有过不想活、或者想伤害自己的念头？”直接询问不会让孩子更想这样做，反而让孩子知道可以说出来。认真听，不责备、不说教、不急着讲道理；不要答应替孩子保守有危险的秘密。告诉孩子：“你对我们很重要，我们一起想办法。”',
  CONTACT_SCHOOL:
    '怎样和孩子谈：先说出你看到的具体变化，例如“我注意到你最近睡得不好、不太想去学校，愿意和我说说吗？”多听少评判，接纳孩子的感受，不说“这有什么大不了的”。告诉孩子你会和老师一起帮他，而不是去告状。',
  WATCH:
    '怎样和孩子谈：每天留出一点专门陪孩子的时间，一起吃饭、散步或做他喜欢的事，在轻松的时候聊聊学校和朋友。孩子说烦恼时，先听完、再回应，让孩子感到被理解。',
  NONE: '怎样和孩子谈：保持平常的聊天习惯，多问“今天有什么开心或烦心的事”，让孩子知道遇到困难时可以随时找你。',
};

/** University students usually live away from home: the first call is to the university. */
const UNIVERSITY_NOW: Partial<Record<RiskTier, string>> = {
  URGENT:
    '现在就做：孩子可能正处在危险中。请马上与孩子取得联系；如果联系不上或孩子有伤害自己的紧急危险，请立即拨打 110 或 120，并马上联系孩子的辅导员或学校心理健康教育中心，请学校安排人员陪伴孩子。条件允许时尽快到孩子身边，陪孩子到正规医疗机构的精神心理科评估。',
  CONTACT_SCHOOL:
    '现在就做：结果提示孩子可能需要更多的帮助。建议近期与孩子的辅导员或学校心理健康教育中心沟通，了解孩子在校情况，鼓励孩子预约学校的心理咨询；必要时到正规医疗机构寻求专业评估。',
};

/**
 * Plain-Chinese advice for a result: what to do now, how to talk with the child, and always the
 * sentence that this is a screening aid, not a diagnosis.
 */
export function adviceFor(
  tier: RiskTier,
  stage: ChecklistStage | string,
  referral?: { deadlineHours: number } | 'not-needed' | null,
): string {
  const parts = [(stage === 'UNIVERSITY' ? UNIVERSITY_NOW[tier] : undefined) ?? NOW[tier], TALK[tier]];
  if (referral === 'not-needed') parts.push('本次结果未达到需要学校跟进的程度，没有发送给学校。');
  else if (referral) {
    const when = referral.deadlineHours <= 24 ? '24 小时' : `${Math.round(referral.deadlineHours / 24)} 天`;
    parts.push(
      `您已选择分享给学校：孩子学校的心理健康教师会在 ${when}内收到提醒并与您联系。紧急情况请不要等待，直接拨打下面的电话。`,
    );
  }
  parts.push(NOT_A_DIAGNOSIS);
  return parts.join('\n');
}

const cityHotlinesSchema = z.record(
  z.string().regex(/^\d{6}$/),
  z
    .array(
      z.object({
        name: z.string().trim().min(1).max(60),
        number: z
          .string()
          .trim()
          .regex(/^[0-9+\-() ]{3,24}$/),
      }),
    )
    .max(20),
);

const parsed = new Map<string, Record<string, Hotline[]>>();

/**
 * `CITY_HOTLINES` is JSON `{"230100":[{"name":"…","number":"…"}]}`. A malformed value must not break a
 * parent's result page: it is ignored (and a log line is the operator's hint).
 */
export function parseCityHotlines(
  raw: string | undefined,
  onError?: (message: string) => void,
): Record<string, Hotline[]> {
  if (!raw || !raw.trim()) return {};
  const cached = parsed.get(raw);
  if (cached) return cached;
  let value: Record<string, Hotline[]> = {};
  try {
    const result = cityHotlinesSchema.safeParse(JSON.parse(raw));
    if (result.success) value = result.data;
    else onError?.('CITY_HOTLINES 格式不正确，已忽略');
  } catch {
    onError?.('CITY_HOTLINES 不是有效的 JSON，已忽略');
  }
  parsed.set(raw, value);
  return value;
}

/** The city of a school: the second segment of its materialised path ("/230000/230100/…" → "230100"). */
export function cityOfPath(path: string): string | null {
  return pathIds(path)[1] ?? null;
}

/** National lines, 120/110 (first when URGENT), then the city's own resources. */
export function hotlinesFor(tier: RiskTier, cityId: string | null, cityHotlines: Record<string, Hotline[]>): Hotline[] {
  const city = (cityId && cityHotlines[cityId]) || [];
  const ordered = tier === 'URGENT' ? [...EMERGENCY, ...NATIONAL] : [...NATIONAL, ...EMERGENCY];
  const seen = new Set<string>();
  return [...ordered, ...city].filter((h) => (seen.has(h.number) ? false : (seen.add(h.number), true)));
}
