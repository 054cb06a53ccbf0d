import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '../../server/routers/root';

/** What each procedure accepts, as a client sees it: `RouterInputs['sessions']['create']`. */
export type RouterInputs = inferRouterInputs<AppRouter>;
/** What each procedure answers: `RouterOutputs['reports']['coverage']`. */
export type RouterOutputs = inferRouterOutputs<AppRouter>;

/** Every procedure's dotted path ('sessions.create', …), as the HTTP API names it. */
export type ProcedurePath = {
  [R in keyof RouterInputs & string]: `${R}.${keyof RouterInputs[R] & string}`;
}[keyof RouterInputs & string];

/** The input of the procedure at a dotted path: `InputOf<'sessions.create'>`. */
export type InputOf<P extends ProcedurePath> = P extends `${infer R extends keyof RouterInputs & string}.${infer Q}`
  ? Q extends keyof RouterInputs[R]
    ? RouterInputs[R][Q]
    : never
  : never;

/**
 * A value sent on purpose outside a procedure's declared input type: a bad-input test, or a test of what
 * the schema accepts at run time (a grade given as a number, a relation in Chinese). The name says it is
 * deliberate; a valid input is typed with RouterInputs instead.
 */
export function unchecked(value: unknown): never {
  return value as never;
}
