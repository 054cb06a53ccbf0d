/** Guidance sessions, created through sessions.create as a coordinator would. */
import type { TestApp } from '../test-app';
import type { RouterInputs } from '../router-types';
import { makeStaff } from './org';
import type { SignedInUser } from './families';

export type SessionInput = RouterInputs['sessions']['create'];

/** ISO instant `hours` from now, with offset (the contract's format). */
export function inHours(hours: number): string {
  return new Date(Date.now() + hours * 3600_000).toISOString();
}

/**
 * A valid sessions.create input at `orgUnitId`: an online guidance session for 5 families, two days from
 * now, two hours long. `overrides` replace any field (an invalid value on purpose, too, if it has the type).
 */
export function sessionInput(orgUnitId: string, overrides: Partial<SessionInput> = {}): SessionInput {
  return {
    orgUnitId,
    kind: 'GUIDANCE',
    title: '测试指导活动',
    startsAt: inHours(48),
    endsAt: inHours(50),
    capacity: 5,
    mode: 'ONLINE',
    ...overrides,
  };
}

/**
 * Creates the session through sessions.create, as `by` (default: a new coordinator of the session's unit,
 * signed in). Rejects as the procedure does.
 */
export async function makeSession(
  app: TestApp,
  input: SessionInput,
  opts: { by?: SignedInUser } = {},
): Promise<{ id: string }> {
  const by = opts.by ?? (await app.as((await makeStaff(app.db, 'COORDINATOR', input.orgUnitId)).id));
  return app.caller(by).sessions.create(input);
}
