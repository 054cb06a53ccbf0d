// Plain-Chinese wording for tiers and referral states.
import { RISK_TIER_LABELS, REFERRAL_STATUS_LABELS, type ReferralStatus, type RiskTier } from '@shared/checklists';

export type Tone = 'ok' | 'info' | 'warn' | 'danger' | 'muted';

export const TIER_TONES: Record<RiskTier, Tone> = {
  NONE: 'ok',
  WATCH: 'info',
  CONTACT_SCHOOL: 'warn',
  URGENT: 'danger',
};

/** One sentence under the tier on the result page. */
export const TIER_EXPLANATIONS: Record<RiskTier, string> = {
  NONE: '这次填写没有发现明显的心理危机信号。',
  WATCH: '孩子有一些值得留意的变化，请多陪伴、多观察。',
  CONTACT_SCHOOL: '结果提示孩子可能需要更多帮助，建议尽快与学校心理健康教师沟通。',
  URGENT: '回答中出现了危险信号，孩子可能正处在心理危机中。请立即行动，不要等待。',
};

export function tierLabel(tier: RiskTier): string {
  return RISK_TIER_LABELS[tier];
}

/** Short label for lists and badges. */
export const TIER_SHORT: Record<RiskTier, string> = {
  NONE: '未见明显信号',
  WATCH: '需要留意',
  CONTACT_SCHOOL: '建议联系学校',
  URGENT: '紧急',
};

export function referralStatusLabel(status: ReferralStatus): string {
  return REFERRAL_STATUS_LABELS[status];
}

export const REFERRAL_STATUS_SHORT: Record<ReferralStatus, string> = {
  OPEN: '待接收',
  ACKNOWLEDGED: '已接收',
  CLOSED: '已结束',
};

export const SCREENING_NOTE = '这是筛查参考，不是诊断。心理状况需要由医生或心理专业人员评估。';
