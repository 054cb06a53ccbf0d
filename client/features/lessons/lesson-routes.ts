// The lesson pages (packageParent).
export const LESSON_ROUTES = {
  lessons: '/packageParent/lessons/index',
  lesson: (id: string) => `/packageParent/lesson/index?id=${encodeURIComponent(id)}`,
} as const;
