export default definePageConfig({
  navigationBarTitleText: '清单管理',
});
