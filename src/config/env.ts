import { z } from 'zod';

import { ConfigError, issuesToLines } from './config-error.ts';

const optionalText = z
  .string()
  .trim()
  .transform((s) => (s === '' ? undefined : s))
  .optional();

const EnvSchema = z
  .object({
    LARK_APP_ID: optionalText.pipe(
      z
        .string()
        .regex(/^cli_[0-9a-zA-Z]{16}$/, 'should look like cli_ followed by 16 characters')
        .optional(),
    ),
    LARK_APP_SECRET: optionalText,
    LARK_DOMAIN: optionalText.pipe(
      z
        .union([
          z.enum(['feishu', 'lark']),
          z.url({ protocol: /^https?$/, error: "should be 'feishu', 'lark' or an http(s) base URL" }),
        ])
        .default('feishu'),
    ),
    LARK_ENCRYPT_KEY: optionalText,
    LARK_VERIFICATION_TOKEN: optionalText,
    LARK_EVENT_MODE: optionalText.pipe(z.enum(['webhook', 'websocket']).default('webhook')),
    REDIS_URL: optionalText.pipe(
      z.url({ protocol: /^rediss?$/, error: 'should be a redis:// or rediss:// URL' }).optional(),
    ),
    REDIS_PREFIX: optionalText.pipe(z.string().default('sub:')),
    SEAL_KEY: optionalText.pipe(
      z.string().min(32, 'at least 32 characters (e.g. openssl rand -hex 32)').optional(),
    ),
    ORG_CONFIG: optionalText,
    PORT: optionalText.pipe(z.coerce.number<string | undefined>().int().min(1).max(65535).default(3000)),
    LOG_LEVEL: optionalText.pipe(
      z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    ),
  })
  .superRefine((env, ctx) => {
    if (Boolean(env.LARK_APP_ID) !== Boolean(env.LARK_APP_SECRET)) {
      ctx.addIssue({
        code: 'custom',
        path: [env.LARK_APP_ID ? 'LARK_APP_SECRET' : 'LARK_APP_ID'],
        message: 'LARK_APP_ID and LARK_APP_SECRET go together: set both, or neither for local mode',
      });
    }
    if (env.LARK_APP_ID && env.LARK_EVENT_MODE === 'webhook' && !env.LARK_VERIFICATION_TOKEN) {
      ctx.addIssue({
        code: 'custom',
        path: ['LARK_VERIFICATION_TOKEN'],
        message: 'required in webhook mode: without it anyone who knows the URL could forge events',
      });
    }
  });

/** The environment, validated (SPEC §7). */
export interface Env {
  /** Feishu credentials; absent in local mode. */
  lark?: { appId: string; appSecret: string };
  domain: string;
  encryptKey?: string;
  verificationToken?: string;
  eventMode: 'webhook' | 'websocket';
  redisUrl?: string;
  redisPrefix: string;
  /** The secret anonymous reporters are sealed with (SEAL_KEY, else derived from the app secret). */
  sealKey?: string;
  /** Path of the org file; undefined means "org.yaml, or the example in local mode". */
  orgConfig?: string;
  port: number;
  logLevel: string;
}

/** Parses the environment; throws a {@link ConfigError} that lists every problem by variable. */
export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) throw new ConfigError('environment', issuesToLines(parsed.error.issues));
  const e = parsed.data;
  return {
    lark:
      e.LARK_APP_ID && e.LARK_APP_SECRET ? { appId: e.LARK_APP_ID, appSecret: e.LARK_APP_SECRET } : undefined,
    domain: e.LARK_DOMAIN.replace(/\/+$/, ''),
    encryptKey: e.LARK_ENCRYPT_KEY,
    verificationToken: e.LARK_VERIFICATION_TOKEN,
    eventMode: e.LARK_EVENT_MODE,
    redisUrl: e.REDIS_URL,
    redisPrefix: e.REDIS_PREFIX,
    sealKey: e.SEAL_KEY ?? (e.LARK_APP_SECRET ? `app-secret:${e.LARK_APP_SECRET}` : undefined),
    orgConfig: e.ORG_CONFIG,
    port: e.PORT,
    logLevel: e.LOG_LEVEL,
  };
}
