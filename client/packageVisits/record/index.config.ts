export default definePageConfig({
  navigationBarTitleText: '家访记录',
});
