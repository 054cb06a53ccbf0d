import pino, { type Logger } from 'pino';

/**
 * JSON logs without secrets or personal data: tokens, passwords, codes, openids, phone numbers and
 * answers are redacted wherever they appear in a logged object, and request bodies are never logged.
 */
export function createLogger(level: string = 'info', file?: string): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { app: 'heartbridge' },
    redact: {
      paths: [
        '*.token',
        '*.password',
        '*.passwordHash',
        '*.code',
        '*.openid',
        '*.session_key',
        '*.phone',
        '*.answers',
        '*.authorization',
        'req.headers.authorization',
        'headers.authorization',
      ],
      censor: '[已隐去]',
    },
  };
  // A file destination (HB_LOG_FILE) lets the test run check every line the server wrote.
  return file ? pino(options, pino.destination({ dest: file, append: true, sync: true })) : pino(options);
}

export type { Logger };
