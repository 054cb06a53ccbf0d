import type { IncomingMessage } from 'node:http';
import type { Db } from '../db/create-db';
import type { Env } from '../env';
import type { Logger } from '../logger';
import type { WechatClient } from '../wechat/wechat-client';
import type { FieldCipher } from '../crypto/field-cipher';
import type { SmsClient } from '../sms/tencent-sms';
import type { SqlRunner } from '../db/sql-runner';
import type { AuthUser } from '../auth/auth-user';
import { TRPCError } from '@trpc/server';
import { resolveUserByToken } from '../services/auth/resolve-user';
import { isDatabaseUnavailable } from '../db/database-errors';
import { clientIp } from '../http/client-ip';

/** What every procedure may use; no request object, so tests build it directly (createCaller). */
export interface InnerContext {
  db: Db;
  env: Env;
  log: Logger;
  wechat: WechatClient;
  /** Encrypts and decrypts sensitive fields (checklist answers, visit notes, addresses). */
  cipher: FieldCipher;
  /** Tencent Cloud SMS, when configured (SMS_API_BASE); null: no SMS is sent. */
  sms: SmsClient | null;
  /** Hand-written SQL for hot paths (the pg pool on PostgreSQL). */
  sql: SqlRunner;
  user: AuthUser | null;
  ip: string | null;
}

export type AppDeps = Omit<InnerContext, 'user' | 'ip'>;

export function createInnerContext(
  deps: AppDeps,
  user: AuthUser | null = null,
  ip: string | null = null,
): InnerContext {
  return { ...deps, user, ip };
}

export function bearerToken(header: string | string[] | undefined): string | null {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return null;
  const match = /^Bearer\s+([A-Za-z0-9_-]{16,128})$/.exec(value.trim());
  return match ? match[1] : null;
}

/** Outer context: reads the bearer token from the request and resolves the user. */
export function createContextFactory(deps: AppDeps) {
  return async ({ req }: { req: IncomingMessage }): Promise<InnerContext> => {
    const token = bearerToken(req.headers.authorization);
    let user: AuthUser | null = null;
    try {
      user = token
        ? await resolveUserByToken(deps.sql, token, { staffIdleMinutes: deps.env.STAFF_IDLE_MINUTES })
        : null;
    } catch (err) {
      // The session lookup is the first query of every signed-in request: an outage must answer 503 here too.
      if (isDatabaseUnavailable(err))
        throw new TRPCError({
          code: 'SERVICE_UNAVAILABLE',
          message: '数据库暂时不可用，请稍后再试',
          cause: err as Error,
        });
      throw err;
    }
    return createInnerContext(deps, user, clientIp(req, deps.env.TRUST_PROXY));
  };
}

export type Context = InnerContext;
