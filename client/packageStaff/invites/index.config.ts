export default definePageConfig({
  navigationBarTitleText: '邀请家长加入',
});
