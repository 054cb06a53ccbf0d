export default definePageConfig({
  navigationBarTitleText: '清单结果',
});
