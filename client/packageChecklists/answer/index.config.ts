export default definePageConfig({
  navigationBarTitleText: '填写清单',
});
