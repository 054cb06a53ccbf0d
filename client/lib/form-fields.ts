// Zod pieces for the fields of a form schema (see use-schema-form.ts): what the user typed or picked, read into
// the values the shared procedure schemas expect. The shared schema then checks those values, with its messages.
import { z } from 'zod';
import { inputTextToIso } from './china-time';

/** A choice of chips that starts with none picked: `null` reads `message`. */
export function chosen<T extends z.ZodType>(schema: T, message: string) {
  return schema.nullable().transform((value, ctx) => {
    if (value === null) {
      ctx.issues.push({ code: 'custom', message, input: value });
      return z.NEVER;
    }
    return value;
  });
}

/** A whole number typed in a text field; anything else is left out (the shared schema says what is missing). */
export const wholeNumberField = z
  .string()
  .transform((text) => (/^\d+$/.test(text.trim()) ? Number(text.trim()) : undefined));

/**
 * A whole number that may be negative ("-1"): the shared schema's own range message ("至少为 1") is shown
 * rather than "请填写…" for a number typed below zero.
 */
export const integerField = z
  .string()
  .transform((text) => (/^-?\d+$/.test(text.trim()) ? Number(text.trim()) : undefined));

/** Text trimmed, an empty field left out. */
export const optionalTextField = z.string().transform((text) => text.trim() || undefined);

/**
 * A time typed as "2026-12-05 19:00" (China time) → "2026-12-05T19:00:00+08:00", or the message to fill it in
 * (empty) or to follow the example (not a time).
 */
export function chinaTimeField(label: string, example: string) {
  return z.string().transform((text, ctx) => {
    const iso = inputTextToIso(text);
    if (iso) return iso;
    const message = text.trim() ? `${label}格式不正确，请按“${example}”填写` : `请填写${label}（如 ${example}）`;
    ctx.issues.push({ code: 'custom', message, input: text });
    return z.NEVER;
  });
}

/** A day typed in a text field, read by `normalize` ("2027-1-5" → "2027-01-05"); `message` when it is not one. */
export function dayField(normalize: (text: string) => string | null, message: string) {
  return z.string().transform((text, ctx) => {
    const day = normalize(text);
    if (day) return day;
    ctx.issues.push({ code: 'custom', message, input: text });
    return z.NEVER;
  });
}

/** Instants as the tRPC link sends them (JSON): ISO text. */
export type Wire<T> = T extends Date
  ? string
  : T extends readonly (infer U)[]
    ? Wire<U>[]
    : T extends object
      ? { [K in keyof T]: Wire<T[K]> }
      : T;

/**
 * Parsed data ready to send: the shared schemas turn instants into `Date`s, the procedures take them as ISO text
 * (what JSON would send anyway). Everything else is passed through as parsed.
 */
export function wire<T>(value: T): Wire<T> {
  return toWire(value) as Wire<T>;
}

function toWire(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(toWire);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toWire(v)]));
  }
  return value;
}

/** A procedure's input as a form builds it: any field may still be missing (the schema then says so). */
export type Unchecked<T> = T extends object ? { [K in keyof T]?: T[K] | undefined } : T;

/**
 * Inside a transform: `value` (built from the form's fields) parsed by a shared procedure schema, its issues
 * reported as the form's own. The form's output is then the procedure's parsed input.
 */
export function parsedBy<S extends z.ZodType>(
  schema: S,
  value: Unchecked<z.input<S>>,
  ctx: z.RefinementCtx,
): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    ctx.issues.push({ code: 'custom', message: issue.message, path: issue.path, input: value });
  }
  return z.NEVER;
}
