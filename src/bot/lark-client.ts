import {
  type Cache,
  Client,
  defaultHttpInstance,
  type HttpInstance,
  type HttpRequestOptions,
  LoggerLevel,
  type Logger as SdkLogger,
} from '@larksuiteoapi/node-sdk';
import type { Clock } from '../lib/clock.ts';
import { monthOf } from '../lib/dates.ts';
import type { Logger } from '../lib/logger.ts';
import type { ApiUsage } from '../store/api-usage.ts';

const FEISHU_BASE = 'https://open.feishu.cn';
const LARK_BASE = 'https://open.larksuite.com';

/**
 * The base URL for the SDK: `feishu` and `lark` name the two official platforms,
 * anything else (a mock such as `http://127.0.0.1:1234`) is used as given.
 *
 * Returns the same URLs the SDK maps `Domain.Feishu` / `Domain.Lark` to (those
 * enum members are numbers, so they cannot be returned as a string); the SDK
 * and `WSClient` treat both forms identically.
 */
export function larkDomain(domain: string): string {
  switch (domain.trim().toLowerCase()) {
    case 'feishu':
      return FEISHU_BASE;
    case 'lark':
      return LARK_BASE;
    default:
      return domain.trim().replace(/\/+$/, '');
  }
}

export interface LarkClientOptions {
  appId: string;
  appSecret: string;
  /** `feishu`, `lark` or a base URL (see {@link larkDomain}). */
  domain: string;
  logger: Logger;
  /**
   * Token cache. Default: the SDK's process-wide cache (namespaced by app id).
   * Tests pass a fresh `new DefaultCache()` so they do not share a token.
   */
  cache?: Cache;
  /** Per-request timeout; the SDK sets none, so a stuck socket would hang the sender. */
  timeoutMs?: number;
}

/** The official SDK client, logging through pino without request bodies. */
export function createLarkClient(opts: LarkClientOptions): Client {
  return new Client({
    appId: opts.appId,
    appSecret: opts.appSecret,
    domain: larkDomain(opts.domain),
    loggerLevel: LoggerLevel.error,
    logger: sdkLogger(opts.logger),
    // typed as a bare AxiosInstance, but its response interceptor returns the body: an HttpInstance
    httpInstance: withTimeout(defaultHttpInstance as unknown as HttpInstance, opts.timeoutMs ?? 30_000),
    ...(opts.cache ? { cache: opts.cache } : {}),
  });
}

/**
 * Adapts pino to the SDK's logger. The SDK logs failed requests with the axios
 * `config.data` (message bodies, or the app secret for the token call), so every
 * argument is reduced to a short, body-free summary before it reaches pino.
 */
export function sdkLogger(log: Logger): SdkLogger {
  const emit =
    (level: 'error' | 'warn' | 'info' | 'debug' | 'trace') =>
    (...msg: unknown[]): void => {
      log[level]({ sdk: flatten(msg).map(summarize) }, 'lark sdk');
    };
  return {
    error: emit('error'),
    warn: emit('warn'),
    info: emit('info'),
    debug: emit('debug'),
    trace: emit('trace'),
  };
}

function flatten(items: unknown[], depth = 0): unknown[] {
  return items.flatMap((i) => (Array.isArray(i) && depth < 3 ? flatten(i, depth + 1) : [i]));
}

type Loose = Record<string, unknown>;
const asObject = (v: unknown): Loose | undefined => (v && typeof v === 'object' ? (v as Loose) : undefined);

/** What may be logged of one SDK log argument: never a request body or header. */
function summarize(item: unknown): unknown {
  if (typeof item === 'string') return item.length > 500 ? `${item.slice(0, 500)}…` : item;
  if (typeof item === 'number' || typeof item === 'boolean' || item == null) return item;
  const o = asObject(item);
  if (!o) return String(item);
  if ('config' in o || 'response' in o || 'request' in o) {
    // an AxiosError, or the SDK's `formatErrors` summary of one
    const config = asObject(o.config);
    const response = asObject(o.response);
    const body = asObject(response?.data);
    return pickDefined({
      message: typeof o.message === 'string' ? o.message : undefined,
      errno: typeof o.code === 'string' ? o.code : undefined,
      method: config?.method,
      url: typeof config?.url === 'string' ? config.url.split('?')[0] : undefined,
      status: response?.status,
      code: body?.code,
      msg: body?.msg,
      logId: asObject(body?.error)?.log_id ?? body?.log_id,
    });
  }
  if (item instanceof Error) return { name: item.name, message: item.message };
  // e.g. a Feishu error body `{ code, msg, log_id, troubleshooter }`
  const picked = pickDefined({ code: o.code, msg: o.msg, message: o.message, logId: o.log_id });
  return Object.keys(picked).length > 0 ? picked : '[object]';
}

function pickDefined(o: Loose): Loose {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

/** Wraps the SDK's axios instance so every call has a timeout unless it sets its own. */
function withTimeout(http: HttpInstance, timeoutMs: number): HttpInstance {
  const t = <D>(opts?: HttpRequestOptions<D>): HttpRequestOptions<D> => ({
    ...opts,
    timeout: opts?.timeout ?? timeoutMs,
  });
  return {
    request: (opts) => http.request(t(opts)),
    get: (url, opts) => http.get(url, t(opts)),
    delete: (url, opts) => http.delete(url, t(opts)),
    head: (url, opts) => http.head(url, t(opts)),
    options: (url, opts) => http.options(url, t(opts)),
    post: (url, data, opts) => http.post(url, data, t(opts)),
    put: (url, data, opts) => http.put(url, data, t(opts)),
    patch: (url, data, opts) => http.patch(url, data, t(opts)),
  };
}

/** Feishu's monthly quota resets on the 1st, Beijing time. */
export const QUOTA_TIME_ZONE = 'Asia/Shanghai';

/** `YYYY-MM` of the quota month an instant falls in. */
export function quotaMonth(at: Date): string {
  return monthOf(at, QUOTA_TIME_ZONE);
}

/** Counted calls are written to the store at most this often. */
const METER_FLUSH_MS = 1000;

/**
 * Counts OpenAPI calls per month and API (`api:<yyyy-mm>` hash), so the free plan's
 * monthly quota can be watched. Counts are gathered in memory and written once a second
 * (a store write per call would cost more than the call is worth); metering never breaks
 * sending, and a count that cannot be written is logged and dropped.
 */
export class ApiMeter {
  private pending = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly counts: ApiUsage,
    private readonly clock: Clock,
    private readonly log?: Logger,
  ) {}

  async record(api: string): Promise<void> {
    const key = `${quotaMonth(this.clock.now())} ${api}`;
    this.pending.set(key, (this.pending.get(key) ?? 0) + 1);
    this.timer ??= setTimeout(() => void this.flush(), METER_FLUSH_MS).unref();
  }

  /** Writes what was counted (also before reading, and at shutdown). */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.pending;
    this.pending = new Map();
    for (const [key, calls] of batch) {
      const [month = '', api = ''] = key.split(' ');
      try {
        await this.counts.record(month, api, calls);
      } catch (err) {
        this.log?.warn(
          { api, calls, err: err instanceof Error ? err.message : String(err) },
          'api meter: record failed',
        );
      }
    }
  }

  async usage(month: string): Promise<Record<string, number>> {
    await this.flush();
    return this.counts.usage(month);
  }
}
