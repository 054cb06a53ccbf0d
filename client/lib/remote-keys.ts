// The keys of the data views load through useRemote, in one place: a view that changes something invalidates
// the prefix of what it changed (`invalidate(remoteKeys.sessions.all)`), and every view showing that data loads
// it again. Keys run from the general to the particular, `/`-separated (see use-remote.ts).

const json = (value: unknown) => JSON.stringify(value ?? null);

export const remoteKeys = {
  /** auth.me (who is signed in, with which roles). */
  me: 'me',
  home: 'home',
  family: 'family',
  /** families.mine where only the caller's contact mobile is wanted (under `family`: it is invalidated with it). */
  familyContact: 'family/contact',
  /** families.classOptions: the class list of a child's school, or of the family's school or site. */
  familyClasses: (childId: string | undefined) => `family/classes/${childId ?? 'own'}`,
  /** consents.mine, for the privacy notice (privacy:basic) in 我的家庭. */
  privacyConsent: 'consents/privacy',
  orgUnitChildren: (parentId: string) => `org-units/children/${parentId}`,

  sessions: {
    all: 'sessions',
    get: (sessionId: string) => `sessions/get/${sessionId}`,
    /** The 新建 / 编辑活动 page: who I am and the session being edited. */
    edit: (sessionId: string | undefined) => `sessions/edit/${sessionId ?? 'new'}`,
    list: (query: unknown) => `sessions/list/${json(query)}`,
    mine: 'sessions/mine',
    roster: (sessionId: string) => `sessions/roster/${sessionId}`,
  },

  lessons: {
    /** Every filtered list of the library. */
    lists: 'lessons/list',
    list: (query: unknown) => `lessons/list/${json(query)}`,
    get: (lessonId: string | undefined) => `lessons/get/${lessonId ?? ''}`,
    /** 课程管理: a unit's lessons with their completions (lessons.stats). */
    manage: (orgUnitId: string) => `lessons/manage/${orgUnitId}`,
  },

  checklists: {
    all: 'checklists',
    parentPage: 'checklists/parent',
    answer: (checklistId: string, childId: string) => `checklists/answer/${checklistId}/${childId}`,
    result: (responseId: string) => `checklists/result/${responseId}`,
    admin: 'checklists/admin',
  },

  referrals: {
    all: 'referrals',
    list: (filter: string) => `referrals/list/${filter}`,
    get: (referralId: string) => `referrals/get/${referralId}`,
  },

  /** The household's last year (家里的动态). */
  householdActivity: 'families/activity',
  knowledgeQuestions: 'knowledge/questions',
  /** A special-group household's 一生一策. */
  carePlan: (familyId: string) => `visits/carePlan/${familyId}`,

  reports: {
    coverage: (query: unknown) => `reports/coverage/${json(query)}`,
    unserved: (orgUnitId: string, year: number) => `reports/unserved/${orgUnitId}/${year}`,
    compliance: (query: unknown) => `reports/compliance/${json(query)}`,
    targets: 'reports/targets',
    monthly: (orgUnitId: string, year: number) => `reports/monthly/${orgUnitId}/${year}`,
    knowledge: (orgUnitId: string, year: number) => `reports/knowledge/${orgUnitId}/${year}`,
    signOff: (orgUnitId: string, year: number) => `reports/signOff/${orgUnitId}/${year}`,
    /** The cities' crisis lines, as a province ADMIN edits them. */
    cityLines: (provinceId: string) => `reports/cityLines/${provinceId}`,
  },

  visits: {
    all: 'visits',
    /** The windows of a school (staff). */
    windows: (orgUnitId: string) => `visits/windows/${orgUnitId}`,
    /** Everything about one window: its families, progress, calendar, open slots. */
    window: (windowId: string) => `visits/window/${windowId}`,
    families: (windowId: string) => `visits/window/${windowId}/families`,
    progress: (windowId: string) => `visits/window/${windowId}/progress`,
    calendar: (windowId: string) => `visits/window/${windowId}/calendar`,
    openSlots: (windowId: string) => `visits/window/${windowId}/open-slots`,
    schoolStaff: (orgUnitId: string) => `visits/school-staff/${orgUnitId}`,
    /** 本学期待家访: a school's special-group households still to be visited. */
    due: (orgUnitId: string) => `visits/due/${orgUnitId}`,
    /** A parent's windows and visits. */
    family: 'visits/family',
    record: (visitId: string) => `visits/record/${visitId}`,
    followUps: 'visits/follow-ups',
  },

  /** Desk pages: units, staff, rosters and their imports. */
  /** invites.list: a school's or site's own and class invite codes (the posters). */
  invites: (orgUnitId: string) => `invites/${orgUnitId}`,

  admin: {
    all: 'admin',
    imports: (orgUnitId: string) => `admin/imports/${orgUnitId}`,
    /** Everything about one school's roster: its classes, a class's students, 待核对. */
    roster: (schoolId: string) => `admin/roster/${schoolId}`,
    classes: (schoolId: string) => `admin/roster/${schoolId}/classes`,
    students: (schoolId: string, grade: string, className: string) =>
      `admin/roster/${schoolId}/students/${grade}/${className}`,
    pending: (schoolId: string) => `admin/roster/${schoolId}/pending`,
    corrections: (schoolId: string) => `admin/roster/${schoolId}/corrections`,
    /** families.caregivers: the school's caregivers who are not parents (legal guardian confirmations). */
    caregivers: (schoolId: string) => `admin/roster/${schoolId}/caregivers`,
    units: (parentId: string) => `admin/units/${parentId}`,
    staff: (orgUnitId: string) => `admin/staff/${orgUnitId}`,
  },
} as const;
