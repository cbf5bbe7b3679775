import { type Logger, pino } from 'pino';

export type { Logger };

/**
 * The process logger: JSON lines on stdout. Secrets and personal data are redacted
 * by path, so a stray `log.info({ config })` cannot leak the app secret.
 */
export function createLogger(level = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({
    level,
    base: undefined,
    redact: {
      paths: [
        'appSecret',
        'encryptKey',
        'verificationToken',
        '*.appSecret',
        '*.encryptKey',
        '*.verificationToken',
        'headers["x-lark-signature"]',
        'phone',
        'studentNo',
        '*.phone',
        '*.studentNo',
      ],
      censor: '[redacted]',
    },
  });
}

/** A logger that drops everything (tests, the local chat). */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
