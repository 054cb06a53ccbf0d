// A form through one zod schema: the fields are the schema's input, what is submitted is its output.
import { useState } from 'react';
import type { z } from 'zod';
import { useAction, type ActionOptions } from './use-action';

/** The first message of each field (by the first part of the issue's path; `''` for the whole form). */
export type FieldErrors = Partial<Record<string, string>>;

const FALLBACK_MESSAGE = '填写的内容有误，请检查';

function fieldErrorsOf(issues: readonly z.core.$ZodIssue[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const field = issue.path.length > 0 ? String(issue.path[0]) : '';
    errors[field] ??= issue.message;
  }
  return errors;
}

/**
 * Field state, zod errors and submit of the parsed data. `submit(send)` parses the fields with `schema`:
 * when they do not pass, the first issue's message becomes `error` (what FormError shows) and nothing is sent;
 * when they do, `send` gets the schema's output (never the raw fields) and runs as a useAction (one at a
 * time, `busy`, the server's error in `error`). The schema may change between renders (a form with modes).
 */
export function useSchemaForm<Out, Values extends object>(
  schema: z.ZodType<Out, Values>,
  initial: NoInfer<Values> | (() => NoInfer<Values>),
  options?: ActionOptions,
) {
  const [values, setValues] = useState<Values>(initial);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const action = useAction(options);

  /** A setter for one field, for an input's onChange. */
  const set =
    <K extends keyof Values>(key: K) =>
    (value: Values[K]) =>
      setValues((prev) => ({ ...prev, [key]: value }));

  /** `fields`: what to parse instead of the form's own fields (a scanned code). */
  const submit = async (send: (data: Out) => Promise<void>, fields: Values = values): Promise<void> => {
    if (action.busy) return;
    const parsed = schema.safeParse(fields);
    if (!parsed.success) {
      setFieldErrors(fieldErrorsOf(parsed.error.issues));
      action.setError(parsed.error.issues[0]?.message ?? FALLBACK_MESSAGE);
      return;
    }
    setFieldErrors({});
    await action.run(() => send(parsed.data));
  };

  return {
    values,
    set,
    setValues,
    /** Starts over from `next` (after a successful submit), without errors. */
    reset: (next: Values) => {
      setValues(next);
      setFieldErrors({});
      action.setError(null);
    },
    fieldErrors,
    error: action.error,
    setError: action.setError,
    busy: action.busy,
    /** For the form's other buttons (publish, cancel): they share its busy state and error. */
    run: action.run,
    submit,
  };
}
