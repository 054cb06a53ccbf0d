import { initTRPC, TRPCError } from '@trpc/server';
import { z, ZodError } from 'zod';
import type { Context } from './context';
import type { Access } from './procedures';
import type { RateRule } from '../services/rate-limit';
import { AppError } from '../errors/app-error';
import { isDatabaseUnavailable } from '../db/database-errors';

export interface Meta {
  access?: Access;
  /** Abuse limit for this procedure, counted per user and per IP across processes. */
  rateLimit?: RateRule;
  /** One line in Chinese saying what the procedure does: its documentation (the authorization test requires it). */
  summary?: string;
  /**
   * A parent may call this mutation without consenting to the privacy notice: it records or withdraws a
   * consent, signs out, or deletes the caller's own data (what withdrawal offers).
   */
  withoutPrivacyConsent?: true;
}

// Chinese messages for zod's built-in checks (shared schemas carry their own messages).
z.config(z.locales.zhCN());

const FRIENDLY: Partial<Record<TRPCError['code'], string>> = {
  PARSE_ERROR: '请求格式不正确',
  BAD_REQUEST: '请求格式不正确',
  METHOD_NOT_SUPPORTED: '请求方法不正确',
  NOT_FOUND: '接口不存在',
  PAYLOAD_TOO_LARGE: '请求内容过大',
  UNSUPPORTED_MEDIA_TYPE: '请求内容须为 JSON',
  INTERNAL_SERVER_ERROR: '服务器内部错误，请稍后再试',
  SERVICE_UNAVAILABLE: '服务暂时不可用，请稍后再试',
  TIMEOUT: '请求超时，请稍后再试',
};

function zodMessage(err: ZodError): string {
  const first = err.issues.slice(0, 3).map((i) => {
    const where = i.path.length ? `${i.path.join('.')}：` : '';
    return `${where}${i.message}`;
  });
  return `输入有误：${first.join('；')}`;
}

/** Messages we wrote ourselves (AppError, or TRPCError thrown by our middleware) are kept; tRPC's own English ones are replaced. */
function isOurMessage(error: TRPCError): boolean {
  return error.cause instanceof AppError || /[\u4e00-\u9fff]/.test(error.message);
}

const t = initTRPC
  .context<Context>()
  .meta<Meta>()
  .create({
    // Never send a stack trace, whatever NODE_ENV is.
    isDev: false,
    errorFormatter({ shape, error }) {
      const zodError = error.cause instanceof ZodError ? error.cause : null;
      let message: string;
      if (zodError) message = zodMessage(zodError);
      else if (isOurMessage(error) && error.code !== 'INTERNAL_SERVER_ERROR') message = error.message;
      else message = FRIENDLY[error.code] ?? '请求未能完成';
      return {
        message,
        code: shape.code,
        data: {
          code: shape.data.code,
          httpStatus: shape.data.httpStatus,
          path: shape.data.path,
          zodError: zodError ? z.flattenError(zodError) : null,
          // Why, where the client acts on it (PRIVACY_CONSENT: show the privacy notice again).
          reason:
            error.cause instanceof AppError ? ((error.cause.details?.reason as string | undefined) ?? null) : null,
        },
      };
    },
  });

export const router = t.router;
export const middleware = t.middleware;
export const createCallerFactory = t.createCallerFactory;
export const baseProcedure = t.procedure;

/** Prisma errors we translate instead of answering 500. */
function fromDatabaseError(cause: unknown): TRPCError | null {
  const e = cause as { code?: string; name?: string; message?: string } | undefined;
  if (!e || typeof e !== 'object') return null;
  if (e.code === 'P2002')
    return new TRPCError({ code: 'CONFLICT', message: '记录已存在，请勿重复提交', cause: cause as Error });
  if (e.code === 'P2025')
    return new TRPCError({ code: 'NOT_FOUND', message: '记录不存在或已被删除', cause: cause as Error });
  if (e.code === 'P2003')
    return new TRPCError({ code: 'BAD_REQUEST', message: '关联的记录不存在', cause: cause as Error });
  if (
    /57014|statement timeout|canceling statement/i.test(
      `${e.code ?? ''} ${e.message ?? ''} ${String((e as { cause?: { message?: string } }).cause?.message ?? '')}`,
    )
  ) {
    return new TRPCError({
      code: 'SERVICE_UNAVAILABLE',
      message: '查询超时，请稍后再试或缩小统计范围',
      cause: cause as Error,
    });
  }
  if (isDatabaseUnavailable(cause)) {
    return new TRPCError({
      code: 'SERVICE_UNAVAILABLE',
      message: '数据库暂时不可用，请稍后再试',
      cause: cause as Error,
    });
  }
  return null;
}

/** The one place where domain errors become tRPC errors (and so HTTP statuses). */
export const mapErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok) {
    const cause = result.error.cause;
    if (cause instanceof AppError) {
      throw new TRPCError({ code: cause.code, message: cause.message, cause });
    }
    const db = fromDatabaseError(cause);
    if (db) throw db;
  }
  return result;
});
