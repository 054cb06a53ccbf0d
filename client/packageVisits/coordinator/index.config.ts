export default definePageConfig({
  navigationBarTitleText: '家访安排与进度',
});
