// Page paths, in one place so links never point at a page that does not exist.
export const ROUTES = {
  home: '/pages/home/index',
  login: '/pages/login/index',
  /** 心理危机求助: open to anyone, signed in or not. */
  help: '/pages/help/index',
  joinFamily: '/packageParent/join/index',
  /** The join page with an invite code filled in (the link on an invite poster's QR code). */
  joinWithCode: (code: string) => `/packageParent/join/index?inviteCode=${encodeURIComponent(code)}`,
  /** 邀请家长加入: the school's and its classes' invite codes as printable posters. */
  invitePosters: '/packageStaff/invites/index',
  myFamily: '/packageParent/family/index',
  sessions: '/packageParent/sessions/index',
  session: (id: string) => `/packageParent/session/index?id=${encodeURIComponent(id)}`,
  checkIn: '/packageParent/checkin/index',
  mySessions: '/packageParent/my-sessions/index',
  staffSessions: '/packageStaff/sessions/index',
  /** Without an id: a new session. */
  sessionEdit: (id?: string) =>
    id ? `/packageStaff/session-edit/index?id=${encodeURIComponent(id)}` : '/packageStaff/session-edit/index',
  sessionLive: (id: string) => `/packageStaff/session-live/index?id=${encodeURIComponent(id)}`,
  roster: (id: string) => `/packageStaff/roster/index?id=${encodeURIComponent(id)}`,
} as const;
