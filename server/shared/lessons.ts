// Lesson library (the parents' 服务包): topics and labels shared by client and server.

export const LESSON_TOPICS = [
  'EMOTION',
  'COMMUNICATION',
  'STUDY_PRESSURE',
  'CRISIS_SIGNS',
  'COMMON_PROBLEMS',
  'SAFETY',
  'ROUTINE',
  'FAMILY_EDUCATION',
] as const;
export type LessonTopic = (typeof LESSON_TOPICS)[number];

export const LESSON_TOPIC_LABELS: Record<LessonTopic, string> = {
  EMOTION: '情绪管理',
  COMMUNICATION: '亲子沟通',
  STUDY_PRESSURE: '学业压力',
  CRISIS_SIGNS: '心理危机识别',
  COMMON_PROBLEMS: '儿童常见心理问题',
  SAFETY: '安全教育',
  ROUTINE: '作息与生活习惯',
  FAMILY_EDUCATION: '家庭教育与家风',
};

export const LESSON_FORMATS = ['ARTICLE', 'VIDEO'] as const;
export const LESSON_FORMAT_LABELS = { ARTICLE: '图文', VIDEO: '视频' } as const;
