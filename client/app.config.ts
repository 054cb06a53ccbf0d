// Main package: home, login and the crisis help card (it must open without loading a subpackage). Each
// role's pages live in a subpackage.
const isWeapp = process.env.TARO_ENV === 'weapp';

export default defineAppConfig({
  pages: ['pages/home/index', 'pages/login/index', 'pages/help/index'],
  subPackages: [
    {
      root: 'packageParent',
      pages: [
        'join/index',
        'family/index',
        'sessions/index',
        'session/index',
        'checkin/index',
        'my-sessions/index',
        'lessons/index',
        'lesson/index',
      ],
    },
    {
      // Coordinators (开设活动) and teachers (现场签到、名单).
      root: 'packageStaff',
      pages: [
        'sessions/index',
        'session-edit/index',
        'session-live/index',
        'roster/index',
        'lessons/index',
        'invites/index',
      ],
    },
    {
      // 寒暑假家访、电话家访: parents book, teachers publish slots and record, coordinators set up and follow progress.
      root: 'packageVisits',
      pages: ['parent/index', 'teacher/index', 'record/index', 'coordinator/index'],
    },
    {
      // 心理预警清单 for parents; referrals for school counsellors; the checklist editor for admins.
      root: 'packageChecklists',
      pages: ['parent/index', 'answer/index', 'result/index', 'referrals/index', 'referral/index', 'editor/index'],
    },
    {
      // Coverage for women's federations, 关工委 and admins (aggregates only).
      root: 'packageReports',
      pages: ['dashboard/index'],
    },
    // Desk pages (units, staff, rosters and their Excel imports): web build only, for desk computers.
    ...(isWeapp ? [] : [{ root: 'packageAdmin', pages: ['units/index', 'staff/index', 'rosters/index'] }]),
  ],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTitleText: '心桥',
    navigationBarTextStyle: 'black',
    backgroundColor: '#f5f6f8',
  },
  // WeChat's privacy-authorisation flow (wx.onNeedPrivacyAuthorization), and components loaded only by the
  // pages that use them (WeChat's code-quality scan asks for it); mini program only.
  ...(isWeapp ? { __usePrivacyCheck__: true, lazyCodeLoading: 'requiredComponents' } : {}),
});
