export default definePageConfig({
  navigationBarTitleText: '心理危机求助',
});
