// Labels and number formats of the coverage pages (Chinese, as desk staff read them).
import { SESSION_KIND_LABELS, type SessionKind } from '@shared/sessions';
import { VISIT_MODE_LABELS, type VisitMode } from '@shared/visits';
import { RISK_TIER_LABELS, type RiskTier } from '@shared/checklists';

export type SiteFilter = 'ALL' | 'SCHOOL' | 'COMMUNITY_SITE';

export const SITE_FILTERS: { value: SiteFilter; label: string }[] = [
  { value: 'ALL', label: '全部' },
  { value: 'SCHOOL', label: '学校（教育系统）' },
  { value: 'COMMUNITY_SITE', label: '社区家长学校与指导服务站点（妇联系统）' },
];

/** The server withholds counts under 5 below county level (null). */
export function countText(n: number | null): string {
  return n === null ? '<5' : String(n);
}

/** 0.4567 → "45.7%"; null (withheld) → "—". */
export function percentText(share: number | null): string {
  if (share === null) return '—';
  return `${(Math.round(share * 1000) / 10).toFixed(1)}%`;
}

/** Short names for chart axes; the data lists under the charts use the policy's full names. */
export const SESSION_KIND_SHORT: Record<string, string> = {
  GUIDANCE: '指导服务',
  LESSON: '家长学校',
  LECTURE: '公益讲座',
  SALON: '亲子沙龙',
  NEW_STUDENT_CLASS: '新生家长课堂',
};

export function sessionKindLabel(kind: string): string {
  return SESSION_KIND_LABELS[kind as SessionKind] ?? kind;
}

export function visitModeLabel(mode: string): string {
  return VISIT_MODE_LABELS[mode as VisitMode] ?? mode;
}

export const TIER_SHORT: Record<string, string> = {
  NONE: '未见预警',
  WATCH: '需要留意',
  CONTACT_SCHOOL: '联系学校',
  URGENT: '紧急',
};

export function tierLabel(tier: string): string {
  return RISK_TIER_LABELS[tier as RiskTier] ?? tier;
}

/** Years to pick: this year (China time) and the four before it, not before 2020. */
export function reportYears(thisYear: number): number[] {
  const years: number[] = [];
  for (let y = thisYear; y >= Math.max(2020, thisYear - 4); y -= 1) years.push(y);
  return years;
}
