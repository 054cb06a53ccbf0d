export default definePageConfig({ navigationBarTitleText: '教职工账号' });
