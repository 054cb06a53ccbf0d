/**
 * Generated from the router itself: every procedure must declare an access rule, refuse an anonymous
 * caller (unless public) with 401, and refuse a wrong role or a unit outside the caller's scope with 403.
 */
import { appRouter } from '../../server/routers/root';
import type { Access } from '../../server/trpc/access';
import { ROLES, type Role } from '../../server/shared/enums';
import { createTestApp, listen, callHttp, type TestApp } from '../helpers/test-app';
import { makeStaff, makeUnit, makeWechatUser } from '../helpers/factories';

type ProcedureDef = { _def: { type: 'query' | 'mutation'; meta?: { access?: Access } } };
const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, ProcedureDef>);

let app: TestApp;
let http: { url: string; close(): Promise<void> };
beforeAll(async () => {
  app = await createTestApp();
  http = await listen(app);
});
afterAll(async () => {
  await http.close();
  await app.close();
});

function call(path: string, def: ProcedureDef, token: string | undefined, input: unknown) {
  return callHttp(http.url, path, { method: def._def.type === 'query' ? 'GET' : 'POST', token, input });
}

it('every procedure declares an access rule', () => {
  expect(procedures.length).toBeGreaterThan(10);
  const undeclared = procedures.filter(([, p]) => !p._def.meta?.access).map(([path]) => path);
  expect(undeclared).toEqual([]);
});

describe.each(procedures.filter(([, p]) => p._def.meta?.access?.kind !== 'public'))('%s', (path, def) => {
  const rule = def._def.meta!.access!;

  it('refuses an anonymous caller with 401', async () => {
    const res = await call(path, def, undefined, { orgUnitId: '230000' });
    expect(res.status).toBe(401);
    expect(res.json.error.message).toBe('请先登录');
  });

  if (rule.kind === 'staff') {
    const allowed = rule.roles;
    const wrongRoles = ROLES.filter((r) => !allowed.includes(r));

    it('refuses a parent (no staff role) with 403', async () => {
      const parent = await makeWechatUser(app.db);
      const res = await call(path, def, await app.tokenFor(parent.id), { orgUnitId: '230000' });
      expect(res.status).toBe(403);
    });

    if (wrongRoles.length > 0) {
      it(`refuses the roles ${wrongRoles.join(', ')} with 403`, async () => {
        const school = await makeUnit(app.db);
        for (const role of wrongRoles) {
          const staff = await makeStaff(app.db, role as Role, role === 'FEDERATION' || role === 'COMMITTEE' || role === 'ADMIN' ? '230000' : school.id);
          const res = await call(path, def, await app.tokenFor(staff.id), { orgUnitId: school.id, grade: 'G1', className: '一年级（1）班' });
          expect([path, role, res.status]).toEqual([path, role, 403]);
        }
      });
    }

    if (rule.scope) {
      it('refuses an allowed role acting on a unit outside its scope with 403, and allows its own', async () => {
        const own = await makeUnit(app.db, { countyId: '230103' });
        const foreign = await makeUnit(app.db, { countyId: '230202' });
        const role = allowed.find((r) => r !== 'ADMIN') ?? 'ADMIN';
        const staff = await makeStaff(app.db, role, role === 'ADMIN' ? '230100' : own.id);
        const token = await app.tokenFor(staff.id);
        const input = (unit: string) => ({ orgUnitId: unit, grade: 'G1', className: '一年级（1）班' });
        const refused = await call(path, def, token, input(foreign.id));
        expect(refused.status).toBe(403);
        expect(refused.json.error.message).toBe('超出您的管辖范围');
        const allowedRes = await call(path, def, token, input(own.id));
        expect(allowedRes.status).toBe(200);
      });
    }
  }
});
