export default definePageConfig({ navigationBarTitleText: '班级名册与待核对' });
