// The lessons domain's home entries: 家长课堂 for guardians with a family.
import type { Me } from '../../lib/auth-store';
import type { HomeEntry } from '../home/entry-registry';
import { LESSON_ROUTES } from './lesson-routes';

export const lessonEntries = {
  parent: (me: Me): HomeEntry[] =>
    me.familyId
      ? [
          {
            title: '家长课堂（课程资源）',
            description: '按学段和主题学习家庭心理健康教育短课：情绪管理、亲子沟通、儿童常见心理问题、心理危机识别等。',
            url: LESSON_ROUTES.lessons,
          },
        ]
      : [],
  staff: (_me: Me): HomeEntry[] => [],
};
