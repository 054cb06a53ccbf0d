/**
 * Bad input everywhere: every procedure of the router, called over HTTP by a caller its access rule
 * admits, with generated invalid inputs and oversized strings. Expected: 4xx (or 2xx for a query whose
 * optional input happened to be valid), never a 500 or a stack trace, and nothing written.
 * Runs on a database of its own, so that "nothing written" is not disturbed by other test files.
 */
import fc from 'fast-check';
import { appRouter } from '../../server/routers/root';
import type { Access } from '../../server/trpc/procedures';
import { dropScratchDatabase } from '../helpers/pg-admin';
import { createOwnDatabase } from '../helpers/scratch-database';
import { createTestApp, listen, callHttp, type TestApp } from '../helpers/test-app';
import { PROVINCE_ID, makeFamily, makeStaff, makeUnit } from '../helpers/builders';

type ProcedureDef = { _def: { type: 'query' | 'mutation'; inputs: unknown[]; meta?: { access?: Access } } };
const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, ProcedureDef>).filter(
  ([, p]) => p._def.inputs.length > 0,
);

let scratch: { name: string; url: string };
let app: TestApp;
let http: { url: string; close(): Promise<void> };
const tokens: Record<string, string> = {};

/** Tables that a refused request must leave untouched. */
const WATCHED = [
  'Family',
  'Guardian',
  'Child',
  'Session',
  'Course',
  'Registration',
  'Attendance',
  'FamilyServiceYear',
  'VisitWindow',
  'VisitSlot',
  'Visit',
  'ChecklistResponse',
  'Referral',
  'ReferralAction',
  'Consent',
  'Lesson',
  'LessonCompletion',
  'Notification',
  'InviteCode',
  'AuditLog',
  'OrgUnit',
  'ClassTeacher',
  'PriorityFlag',
  'Checklist',
];

async function snapshot() {
  const parts = WATCHED.map((t) => `(SELECT count(*) FROM "${t}")::int AS "${t}"`).join(', ');
  return (await app.db.$queryRawUnsafe<Record<string, number>[]>(`SELECT ${parts}`))[0];
}

beforeAll(async () => {
  scratch = await createOwnDatabase('hb_fuzz');
  app = await createTestApp({ DATABASE_URL: scratch.url, RATE_LIMIT_SCALE: '0' });
  http = await listen(app);
  const school = await makeUnit(app.db);
  const parent = await makeFamily(app.db, school.id);
  tokens.parent = await app.tokenFor(parent.userId);
  for (const role of ['ADMIN', 'FEDERATION', 'COMMITTEE', 'COORDINATOR', 'TEACHER', 'COUNSELOR'] as const) {
    tokens[role] = await app.tokenFor((await makeStaff(app.db, role, PROVINCE_ID)).id);
  }
}, 120_000);

afterAll(async () => {
  await http?.close();
  await app?.close();
  if (scratch) await dropScratchDatabase(scratch.name);
});

function tokenFor(access: Access | undefined): string | undefined {
  if (!access || access.kind === 'public') return undefined;
  if (access.kind === 'staff') return tokens[access.roles[0]];
  return tokens.parent;
}

const big = fc.string({ minLength: 5_000, maxLength: 20_000 });
const field = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double(),
  fc.string({ maxLength: 30 }),
  big,
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 5 }),
  fc.constant('2026-13-45T99:99:99+08:00'),
  fc.constant({ $ne: null }),
);
/** Objects shaped like our inputs (the keys procedures use), with wrong values. */
const KEYS = [
  'orgUnitId',
  'sessionId',
  'familyId',
  'visitId',
  'slotId',
  'windowId',
  'lessonId',
  'checklistId',
  'childId',
  'responseId',
  'referralId',
  'code',
  'year',
  'inviteCode',
  'relation',
  'child',
  'answers',
  'slots',
  'scope',
  'textVersion',
  'username',
  'password',
  'capacity',
  'startsAt',
  'endsAt',
  'kind',
  'mode',
  'title',
  'present',
  'rating',
  'items',
  'days',
  'ranges',
  'accepted',
  'parentId',
  'summary',
];
const shaped = fc.dictionary(fc.constantFrom(...KEYS), field, { minKeys: 1, maxKeys: 6 });
const invalid = fc.oneof(fc.anything(), shaped, big, fc.constant([]), fc.constant('{"'));

/** Any well-formed code is valid input here: WeChat, not our schema, decides whether it signs someone in. */
const ANY_CODE_SIGNS_IN = new Set(['auth.wechatLogin']);

describe.each(procedures)('%s', (path, def) => {
  it('answers generated bad input with 4xx, no stack, and writes nothing', async () => {
    const lenient = ANY_CODE_SIGNS_IN.has(path);
    const before = await snapshot();
    await fc.assert(
      fc.asyncProperty(invalid, async (input) => {
        const res = await callHttp(http.url, path, {
          method: def._def.type === 'query' ? 'GET' : 'POST',
          token: tokenFor(def._def.meta?.access),
          input,
        });
        expect(res.status).toBeLessThan(500);
        if (def._def.type === 'mutation' && !lenient) expect(res.status).toBeGreaterThanOrEqual(400);
        expect(res.text).not.toMatch(/"stack"|node_modules|\.ts:\d+|at [A-Za-z.]+ \(/);
        if (res.status >= 400 && res.json) expect(res.json.error.message).toMatch(/[\u4e00-\u9fff]/);
      }),
      { numRuns: 20 },
    );
    if (!lenient) expect(await snapshot()).toEqual(before);
  }, 60_000);
});
