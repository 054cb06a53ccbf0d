// Labels and number formats of the coverage pages (Chinese, as desk staff read them).
import { SESSION_KIND_LABELS, type SessionKind } from '@shared/sessions';
import { VISIT_MODE_LABELS, type VisitMode } from '@shared/visits';
import { WITHHELD_TEXT } from '@shared/privacy';
import { RISK_TIER_LABELS, type RiskTier } from '@shared/checklists';

export type SiteFilter = 'ALL' | 'SCHOOL' | 'COMMUNITY_SITE';

export const SITE_FILTERS: { value: SiteFilter; label: string }[] = [
  { value: 'ALL', label: '全部' },
  { value: 'SCHOOL', label: '学校（教育系统）' },
  { value: 'COMMUNITY_SITE', label: '社区家长学校与指导服务站点（妇联系统）' },
];

/** The rule in the page's words, above the figures it governs (server/shared/privacy.ts). */
export const WITHHELD_NOTE =
  '只统计人数，不含任何个人信息。只涉及一所学校或一个站点的人数小于 5 时不公开；为防止用合计相减推算，同一列还会再隐去一个数字。';

/** The server withholds small counts that describe one school or site, and their complements (null). */
export function countText(n: number | null): string {
  return n === null ? WITHHELD_TEXT : String(n);
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
