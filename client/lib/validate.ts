// Client-side validation with the same zod schemas the server uses: report the first issue's message.
import type { z } from 'zod';

export type Validated<T> = { ok: true; data: T } | { ok: false; message: string };

export function validate<S extends z.ZodType>(schema: S, value: unknown): Validated<z.output<S>> {
  const result = schema.safeParse(value);
  if (result.success) return { ok: true, data: result.data };
  return { ok: false, message: result.error.issues[0]?.message ?? '填写的内容有误，请检查' };
}
