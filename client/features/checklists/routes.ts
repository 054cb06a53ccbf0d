// Paths of the 心理预警清单 pages (subpackage packageChecklists), in one place.
const q = encodeURIComponent;

export const CHECKLIST_ROUTES = {
  /** Parents: consent, choose child and checklist, history. */
  parent: '/packageChecklists/parent/index',
  answer: (checklistId: string, childId: string) =>
    `/packageChecklists/answer/index?checklistId=${q(checklistId)}&childId=${q(childId)}`,
  /** A result: the one just submitted (kept in memory) or a stored response (checklists.getResponse). */
  result: (responseId: string) => `/packageChecklists/result/index?responseId=${q(responseId)}`,
  /** Counsellors. */
  referrals: '/packageChecklists/referrals/index',
  referral: (id: string) => `/packageChecklists/referral/index?id=${q(id)}`,
  /** Province admins. */
  editor: '/packageChecklists/editor/index',
} as const;
