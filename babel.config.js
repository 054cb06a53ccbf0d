// Babel for the Taro client (mini program and H5). TypeScript types are erased, never checked, here.
//
// The mini program keeps package.json's browserslist (WeChat's own compiler takes it further). The web
// build targets the browsers it is opened in: WeChat's built-in browser (XWeb, Chromium 86 and later, on
// Android; WKWebView on iOS 13 and later) and current desktop browsers in county offices (Chromium-based
// 360/QQ/Edge/Chrome, Firefox). Not transpiling classes, async functions and optional chaining for
// Android 4 keeps the first page's script smaller and faster to run (Lighthouse: legacy-javascript).
const H5_TARGETS = 'chrome >= 86, edge >= 86, firefox >= 78, safari >= 13, ios_saf >= 13';

module.exports = {
  presets: [
    [
      'taro',
      {
        framework: 'react',
        ts: true,
        compiler: 'webpack5',
        ...(process.env.TARO_ENV === 'h5' ? { targets: H5_TARGETS } : {}),
      },
    ],
  ],
};
