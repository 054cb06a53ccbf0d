import type { Env } from '../../env';
import { chinaDateTimeText } from '../../shared/china-time';

/**
 * Subscribe-message templates. Template ids come from the mini program's WeChat console
 * (env WECHAT_TEMPLATE_*); the data carries the session's title, time, place and status only —
 * never a child's name or anything sensitive.
 */
export const TEMPLATE_KEYS = [
  'SESSION_REMINDER',
  'SESSION_CHANGE',
  'VISIT_NOTICE',
  'REFERRAL_ALERT',
  'FAMILY_NOTICE',
  'MONTHLY_REPORT',
] as const;
export type TemplateKey = (typeof TEMPLATE_KEYS)[number];

export const TEMPLATE_LABELS: Record<TemplateKey, string> = {
  SESSION_REMINDER: '活动开始提醒',
  SESSION_CHANGE: '报名状态变更通知',
  VISIT_NOTICE: '家访预约通知',
  REFERRAL_ALERT: '心理转介提醒',
  FAMILY_NOTICE: '家庭成员变动通知',
  MONTHLY_REPORT: '月度统计报告',
};

/** Shown in the web build and sent to the client so it can call requestSubscribeMessage. */
export function templateIds(
  env: Pick<
    Env,
    | 'WECHAT_TEMPLATE_SESSION_REMINDER'
    | 'WECHAT_TEMPLATE_SESSION_CHANGE'
    | 'WECHAT_TEMPLATE_VISIT_NOTICE'
    | 'WECHAT_TEMPLATE_REFERRAL_ALERT'
    | 'WECHAT_TEMPLATE_FAMILY_NOTICE'
    | 'WECHAT_TEMPLATE_MONTHLY_REPORT'
  >,
): Record<TemplateKey, string> {
  return {
    SESSION_REMINDER: env.WECHAT_TEMPLATE_SESSION_REMINDER,
    SESSION_CHANGE: env.WECHAT_TEMPLATE_SESSION_CHANGE,
    VISIT_NOTICE: env.WECHAT_TEMPLATE_VISIT_NOTICE,
    REFERRAL_ALERT: env.WECHAT_TEMPLATE_REFERRAL_ALERT,
    FAMILY_NOTICE: env.WECHAT_TEMPLATE_FAMILY_NOTICE,
    MONTHLY_REPORT: env.WECHAT_TEMPLATE_MONTHLY_REPORT,
  };
}

/** WeChat `thing` fields hold at most 20 characters. */
export function thing(value: string): { value: string } {
  return { value: value.length > 20 ? `${value.slice(0, 19)}…` : value };
}

/** A WeChat `time` field: the instant as a clock in China shows it. */
export function time(at: Date): { value: string } {
  return { value: chinaDateTimeText(at) };
}

/** The templates a client may ask the user to subscribe to. */
export function subscribeTemplates(opts: { env: Parameters<typeof templateIds>[0] }) {
  const ids = templateIds(opts.env);
  return TEMPLATE_KEYS.map((key) => ({ key, templateId: ids[key], label: TEMPLATE_LABELS[key] }));
}
