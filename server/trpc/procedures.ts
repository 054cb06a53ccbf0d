// Every procedure starts from one of these builders. Each declares who may call it (written to
// `meta.access`, which the generated authorization and fuzz tests read) and narrows the context to match:
//
//   publicProcedure                       anyone, signed in or not
//   userProcedure                         a signed-in user: ctx.user
//   parentProcedure                       a signed-in guardian: ctx.user, ctx.familyId
//   staffProcedure(roles)                 a user holding one of `roles` somewhere: ctx.user
//   staffProcedure(roles).input(schema).scopedBy('orgUnitId' | resolver)
//                                         …holding it on the unit the call acts on, or above it: ctx.unit
//
// A builder made any other way has no access rule and is refused (deny by default).
import { TRPCError } from '@trpc/server';
import type { z } from 'zod';
import type { OrgUnitKind, Role } from '../shared/enums';
import { grantsCovering, holdsAnyRole, type AuthUser, type FamilyUser } from '../auth/auth-user';
import type { Context } from './context';
import { baseProcedure, mapErrors, middleware } from './init';
import { enforceRateLimit } from '../services/rate-limit';
import { AppError } from '../errors/app-error';

/** The org unit a scoped staff call acts on, looked up once by the scope check. */
export interface ScopedUnit {
  id: string;
  path: string;
  kind: OrgUnitKind;
  name: string;
  depth: number;
  code: string | null;
  /** Set when the unit was closed: it takes no new sessions or families. */
  closedAt: Date | null;
}

/** Context of a signed-in call. */
export type UserContext = Context & { user: AuthUser };

type StringKeys<I> = { [K in keyof I]-?: NonNullable<I[K]> extends string ? K : never }[keyof I] & string;

/** Finds the org unit a staff call acts on from its parsed input (null: the object does not exist). */
export type ScopeResolver<I> = (input: I, ctx: UserContext) => Promise<string | null> | string | null;

/** An input field holding the org-unit id, or a resolver. */
export type ScopeRule<I> = StringKeys<I> | ScopeResolver<I>;

export type Access =
  | { kind: 'public' }
  | { kind: 'user' }
  | { kind: 'parent' }
  | { kind: 'staff'; roles: readonly Role[]; scope?: string | ScopeResolver<never> };

const requireRule = middleware(({ meta, next }) => {
  if (!meta?.access) throw new TRPCError({ code: 'FORBIDDEN', message: '该接口未声明访问规则，已拒绝' });
  return next();
});

const rateLimited = middleware(async ({ ctx, meta, path, next }) => {
  if (meta?.rateLimit) {
    const who = { userId: ctx.user?.id ?? null, ip: ctx.ip };
    await enforceRateLimit(ctx.sql, path, meta.rateLimit, who, ctx.env.RATE_LIMIT_SCALE);
  }
  return next();
});

const signedIn = (user: AuthUser | null): AuthUser => {
  if (!user) throw new TRPCError({ code: 'UNAUTHORIZED', message: '请先登录' });
  return user;
};

/** What a parent reads when a write needs the privacy consent they have not given or have withdrawn. */
export const PRIVACY_CONSENT_MESSAGE =
  '请先阅读并同意《隐私政策与用户协议》。撤回同意后，心桥不再登记或处理您的信息；您可以重新同意，或在“我的家庭”注销账号、删除全部数据。';

/**
 * A parent's writes of personal data need the privacy consent in force (privacy:basic): without it, or once
 * withdrawn, nothing is registered, booked, submitted or joined. Reading stays open, and so do the
 * mutations marked `withoutPrivacyConsent` (consenting again, signing out, deleting one's data). Staff act
 * under their employer's duties, not a parent's consent.
 */
const privacyConsented = middleware(({ ctx, meta, type, next }) => {
  const user = ctx.user;
  if (type === 'mutation' && user && user.roles.length === 0 && !user.privacyConsent && !meta?.withoutPrivacyConsent) {
    throw new AppError('FORBIDDEN', PRIVACY_CONSENT_MESSAGE, { reason: 'PRIVACY_CONSENT' });
  }
  return next();
});

const root = baseProcedure.use(mapErrors).use(requireRule);

export const publicProcedure = root.meta({ access: { kind: 'public' } }).use(rateLimited);

export const userProcedure = root
  .meta({ access: { kind: 'user' } })
  .use(({ ctx, next }) => next({ ctx: { user: signedIn(ctx.user) } }))
  .use(privacyConsented)
  .use(rateLimited);

export const parentProcedure = root
  .meta({ access: { kind: 'parent' } })
  .use(({ ctx, next }) => {
    const user = signedIn(ctx.user);
    const { familyId } = user;
    if (!familyId)
      throw new TRPCError({ code: 'FORBIDDEN', message: '请先加入家庭（用学校给的邀请码，或家人发给您的邀请码）' });
    return next({ ctx: { user: { ...user, familyId } satisfies FamilyUser, familyId } });
  })
  .use(privacyConsented)
  .use(rateLimited);

const staffBase = root
  .use(({ ctx, meta, next }) => {
    const user = signedIn(ctx.user);
    const rule = meta?.access;
    if (rule?.kind !== 'staff' || !holdsAnyRole(user, rule.roles)) {
      throw new TRPCError({ code: 'FORBIDDEN', message: '您的角色无权进行此操作' });
    }
    if (user.mustChangePassword) {
      throw new AppError('FORBIDDEN', '这是初始密码，请先修改密码后再使用', { reason: 'PASSWORD_CHANGE' });
    }
    return next({ ctx: { user } });
  })
  .use(rateLimited);

/** Runs after input parsing: the unit the call acts on must lie within one of the caller's grants. */
function withScope<S extends z.ZodType>(
  builder: StaffWithInput<S>,
  roles: readonly Role[],
  rule: ScopeRule<z.output<S>>,
) {
  const scope = rule as string | ScopeResolver<never>;
  return builder.meta({ access: { kind: 'staff', roles, scope } }).use(async ({ ctx, input, next }) => {
    const unitId =
      typeof rule === 'function'
        ? await rule(input as z.output<S>, ctx)
        : ((input as Record<string, unknown>)[rule] as string);
    if (!unitId) throw new TRPCError({ code: 'NOT_FOUND', message: '操作对象不存在' });
    // Before every scoped call: one hand-written statement (a Prisma query costs several times more).
    const [unit] = await ctx.sql<ScopedUnit>(
      `SELECT id, path, kind::text AS kind, name, depth, code, "closedAt" FROM "OrgUnit" WHERE id = $1`,
      [unitId],
    );
    if (!unit) throw new TRPCError({ code: 'NOT_FOUND', message: '机构不存在' });
    if (grantsCovering(ctx.user, roles, unit.path).length === 0) {
      throw new TRPCError({ code: 'FORBIDDEN', message: '超出您的管辖范围' });
    }
    return next({ ctx: { unit } });
  });
}

type StaffBase = typeof staffBase;
type StaffWithInput<S extends z.ZodType> = ReturnType<typeof staffBase.input<S>>;

export type StaffProcedureBuilder = Omit<StaffBase, 'input'> & {
  input<S extends z.ZodType>(
    schema: S,
  ): StaffWithInput<S> & {
    /** Limits the call to units within the caller's grants; the context gets the resolved `unit`. */
    scopedBy(rule: ScopeRule<z.output<S>>): ReturnType<typeof withScope<S>>;
  };
};

/** A staff procedure for callers holding one of `roles`; add `.input(schema).scopedBy(…)` to scope it. */
export function staffProcedure(roles: readonly Role[]): StaffProcedureBuilder {
  const builder = staffBase.meta({ access: { kind: 'staff', roles } });
  // tRPC's builders are plain objects whose methods close over their definition, so they can be extended.
  return {
    ...builder,
    input<S extends z.ZodType>(schema: S) {
      const withInput = builder.input(schema) as StaffWithInput<S>;
      return { ...withInput, scopedBy: (rule: ScopeRule<z.output<S>>) => withScope(withInput, roles, rule) };
    },
  } as StaffProcedureBuilder;
}
