// Main package: home and login only. Each role's pages live in a subpackage.
const isWeapp = process.env.TARO_ENV === 'weapp';

export default defineAppConfig({
  pages: ['pages/home/index', 'pages/login/index'],
  subPackages: [
    {
      root: 'packageParent',
      pages: ['join/index', 'family/index', 'sessions/index', 'session/index', 'checkin/index', 'my-sessions/index'],
    },
    {
      // Coordinators (开设活动) and teachers (现场签到、名单).
      root: 'packageStaff',
      pages: ['sessions/index', 'session-edit/index', 'session-live/index', 'roster/index'],
    },
  ],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTitleText: '心桥',
    navigationBarTextStyle: 'black',
    backgroundColor: '#f5f6f8',
  },
  // WeChat's privacy-authorisation flow (wx.onNeedPrivacyAuthorization); mini program only.
  ...(isWeapp ? { __usePrivacyCheck__: true } : {}),
});
