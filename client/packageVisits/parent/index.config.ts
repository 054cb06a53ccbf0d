export default definePageConfig({
  navigationBarTitleText: '预约家访',
});
