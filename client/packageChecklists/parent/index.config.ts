export default definePageConfig({
  navigationBarTitleText: '心理预警清单',
});
