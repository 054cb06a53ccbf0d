import { z } from 'zod';

const bool = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', ''])
  .optional()
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Unset or `pglite:<dir>` → embedded PGlite; `postgresql://…` → PostgreSQL. */
  DATABASE_URL: z.string().optional(),
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  WECHAT_API_BASE: z.string().url().default('https://api.weixin.qq.com'),
  WECHAT_APPID: z.string().default('wx-demo-appid'),
  WECHAT_SECRET: z.string().default('demo-secret'),
  /** True when WECHAT_API_BASE is the project's own fake (npm start): the web build offers demo logins. */
  DEMO_MODE: bool,
  /** Subscribe-message template ids from the mini program's console. */
  WECHAT_TEMPLATE_SESSION_REMINDER: z.string().default('tpl-session-reminder'),
  WECHAT_TEMPLATE_SESSION_CHANGE: z.string().default('tpl-session-change'),
  WECHAT_TEMPLATE_VISIT_NOTICE: z.string().default('tpl-visit-notice'),
  WECHAT_TEMPLATE_REFERRAL_ALERT: z.string().default('tpl-referral-alert'),
  WECHAT_TEMPLATE_FAMILY_NOTICE: z.string().default('tpl-family-notice'),
  WECHAT_TEMPLATE_MONTHLY_REPORT: z.string().default('tpl-monthly-report'),
  /**
   * Tencent Cloud SMS, to invite rostered households that have not joined (unset: no SMS). npm start and the
   * tests point it at the loopback fake (server/sms/fake-sms-server.ts).
   */
  SMS_API_BASE: z.string().url().optional(),
  SMS_SECRET_ID: z.string().default(''),
  SMS_SECRET_KEY: z.string().default(''),
  SMS_SDK_APP_ID: z.string().default(''),
  SMS_SIGN_NAME: z.string().default('心桥家校'),
  /** The approved template: "{1}邀请您参加{2}年度家庭心理健康教育指导服务，请联系孩子的班主任或关注学校通知。" */
  SMS_TEMPLATE_INVITE: z.string().default('tpl-invite'),
  /** "您家报名的{1}将于{2}开始，地点：{3}。请准时参加。" — for households no caregiver of which has WeChat messages. */
  SMS_TEMPLATE_SESSION_REMINDER: z.string().default('tpl-session-reminder'),
  /** "您家{2}的{1}{3}。"（{3}：已预约、明天家访、已取消）— the same, for home and phone visits. */
  SMS_TEMPLATE_VISIT_NOTICE: z.string().default('tpl-visit-notice'),
  /** Run the notification worker in this process (every process may: rows are claimed with SKIP LOCKED). */
  NOTIFY_WORKER: z
    .enum(['1', '0', 'true', 'false'])
    .default('1')
    .transform((v) => v === '1' || v === 'true'),
  NOTIFY_INTERVAL_MS: z.coerce.number().int().min(200).default(30_000),
  /** AES-256-GCM keys for sensitive fields: "keyId:base64(32 bytes)", comma-separated; DATA_KEY_ID picks the current one. */
  DATA_KEYS: z.string().optional(),
  DATA_KEY_ID: z.string().default('dev'),
  /** How long checklist responses are kept (days; default 3 years). */
  /** Records of taking part (attendance, registrations, visit notes) are kept this long (the notice: 3 years). */
  SERVICE_RECORD_RETENTION_DAYS: z.coerce.number().int().min(30).default(1095),
  CHECKLIST_RETENTION_DAYS: z.coerce
    .number()
    .int()
    .min(1)
    .default(3 * 365),
  /** City mental-health resources shown with checklist results: JSON {"230100":[{"name":"…","number":"…"}]}. */
  CITY_HOTLINES: z.string().optional(),
  /** Multiplies every abuse limit (e.g. 100 for a load test from one machine); 0 turns them off. */
  RATE_LIMIT_SCALE: z.coerce.number().min(0).default(1),
  /**
   * How many proxies in front of the server append to X-Forwarded-For (0: none, the socket's address is
   * the client's). `true` means 1.
   */
  TRUST_PROXY: z
    .string()
    .regex(/^(\d+|true|false)$/, { error: 'TRUST_PROXY 须为受信任的代理层数（0、1、2…）' })
    .default('0')
    .transform((v) => (v === 'true' ? 1 : v === 'false' ? 0 : Number(v))),
  /** A staff session unused this long ends (staff read decrypted records); parents' sessions do not. */
  STAFF_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(5)
    .max(24 * 60)
    .default(120),
  TOKEN_TTL_HOURS: z.coerce
    .number()
    .min(1)
    .max(24 * 90)
    .default(24 * 7),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).default(5),
  LOGIN_LOCK_MINUTES: z.coerce.number().int().min(1).default(15),
  /** Folder of the H5 build served at `/`. */
  WEB_ROOT: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Env = z.infer<typeof envSchema>;

/** Reads and validates the environment once; fails fast with every problem listed. */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`环境变量配置有误：\n${lines}`);
  }
  const env = parsed.data;
  if (env.NODE_ENV === 'production' && (env.WECHAT_APPID === 'wx-demo-appid' || env.WECHAT_SECRET === 'demo-secret')) {
    throw new Error('生产环境必须设置 WECHAT_APPID 和 WECHAT_SECRET');
  }
  // The demo key is published in the source: only an explicit demo (npm start sets DEMO_MODE) may use it.
  if (!env.DATA_KEYS && (env.NODE_ENV === 'production' || !env.DEMO_MODE)) {
    throw new Error(
      '必须设置 DATA_KEYS（敏感数据加密密钥，格式“编号:base64(32字节)”）；只有演示环境（DEMO_MODE=1，npm start 自动设置）才使用内置的演示密钥',
    );
  }
  return env;
}
