// Page paths of the home-visit pages (寒暑假家访、电话家访), subpackage packageVisits.
export const VISIT_ROUTES = {
  /** Parents: choose a slot, my visits. */
  parent: '/packageVisits/parent/index',
  /** Teachers and counsellors: publish slots, my calendar, follow-ups. */
  teacher: '/packageVisits/teacher/index',
  /** The visit record form (or the completed record). */
  record: (visitId: string) => `/packageVisits/record/index?id=${encodeURIComponent(visitId)}`,
  /** Coordinators and admins: windows, class teachers, progress. */
  coordinator: '/packageVisits/coordinator/index',
} as const;
