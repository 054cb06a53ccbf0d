export default definePageConfig({ navigationBarTitleText: '学校与站点' });
