// The lessons domain's home entries: 家长课堂 for guardians with a family; 课程管理 for the unit's lesson editors.
import type { Me } from '../../lib/auth-store';
import type { HomeEntry } from '../home/entry-registry';
import { LESSON_ROUTES, lessonEditorGrants } from './lesson-routes';

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
  staff: (me: Me): HomeEntry[] =>
    lessonEditorGrants(me).length > 0
      ? [
          {
            title: '课程管理',
            description: '为家长编写、发布和撤回本单位的课程，查看每节课程的学完人数和家庭数。',
            url: LESSON_ROUTES.manage,
          },
        ]
      : [],
};
