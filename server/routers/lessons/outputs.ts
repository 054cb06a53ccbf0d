import { z } from 'zod';
import { LESSON_FORMATS } from '../../shared/lessons';

/** One row of the library as listed (no body). */
export const lessonListItemOutput = z.object({
  id: z.string(),
  title: z.string(),
  summary: z.string().nullable(),
  topic: z.string(),
  topicLabel: z.string(),
  stages: z.array(z.string()),
  format: z.enum(LESSON_FORMATS),
  durationMinutes: z.number().int().nullable(),
  publisherName: z.string(),
  /** Only staff see drafts (their own unit's); for parents this is always true. */
  published: z.boolean(),
  completed: z.boolean(),
});
