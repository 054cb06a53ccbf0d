export default definePageConfig({
  navigationBarTitleText: '转介信箱',
});
