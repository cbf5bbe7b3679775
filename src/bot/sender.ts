import { type Client, CTenantAccessToken } from '@larksuiteoapi/node-sdk';
import type { Logger } from '../lib/logger.ts';
import type { OutboxMessage } from '../messages/outbox-message.ts';
import type { ApiMeter } from './lark-client.ts';

/** The outcome of one delivery attempt. */
export type Delivery =
  | { ok: true; messageId?: string }
  | { ok: false; retry: boolean; retryAfterMs?: number; reason: string; code?: number };

/** Delivers one outbox message (one attempt; the outbox worker retries). */
export interface Sender {
  deliver(message: OutboxMessage): Promise<Delivery>;
}

/** Invalid or expired tenant_access_token: refresh and try again. */
const TOKEN_INVALID = new Set([99991663, 99991668]);
/** Frequency limits: 99991400 gateway-wide, 230020 IM-specific. */
const RATE_LIMITED = new Set([99991400, 230020]);
/** The free plan's monthly API call quota is used up. */
const MONTHLY_QUOTA = 99991403;
/** Transport errors worth retrying (besides any axios error without a response). */
const NETWORK_ERRNOS = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'ENOTFOUND',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'ERR_NETWORK',
  'ERR_SOCKET_CONNECTION_TIMEOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_SOCKET',
]);

interface ApiBody {
  code?: number;
  msg?: string;
  data?: { message_id?: string };
}

type Loose = Record<string, unknown>;
const asObject = (v: unknown): Loose | undefined => (v && typeof v === 'object' ? (v as Loose) : undefined);

/** Sends through the official SDK and classifies the result. Never logs message content. */
export class LarkSender implements Sender {
  private readonly client: Client;
  private readonly meter: ApiMeter;
  private readonly log: Logger;

  constructor(opts: { client: Client; meter: ApiMeter; logger: Logger }) {
    this.client = opts.client;
    this.meter = opts.meter;
    this.log = opts.logger;
  }

  async deliver(message: OutboxMessage): Promise<Delivery> {
    const { api, call } = this.request(message);
    await this.meter.record(api);
    let delivery: Delivery;
    try {
      delivery = await this.fromBody(await call());
    } catch (err) {
      delivery = await this.fromError(err);
    }
    if (!delivery.ok) {
      this.log.debug(
        { api, kind: message.kind, retry: delivery.retry, reason: delivery.reason },
        'lark: delivery failed',
      );
    }
    return delivery;
  }

  private request(m: OutboxMessage): { api: string; call: () => Promise<ApiBody> } {
    const im = this.client.im.v1.message;
    switch (m.kind) {
      case 'send':
        return {
          api: 'im.message.create',
          call: () =>
            im.create({
              params: { receive_id_type: m.to.type },
              data: { receive_id: m.to.id, msg_type: m.msgType, content: m.content, uuid: m.uuid },
            }),
        };
      case 'reply':
        return {
          api: 'im.message.reply',
          call: () =>
            im.reply({
              path: { message_id: m.messageId },
              data: { content: m.content, msg_type: m.msgType, uuid: m.uuid },
            }),
        };
      case 'patch':
        return {
          api: 'im.message.patch',
          call: () => im.patch({ path: { message_id: m.messageId }, data: { content: m.content } }),
        };
      case 'file':
        return { api: 'im.file.create', call: () => this.sendFile(m) };
      case 'card-update':
        return {
          api: 'interactive.card.update',
          call: () =>
            this.client.request<ApiBody>({
              method: 'POST',
              url: '/open-apis/interactive/v1/card/update',
              data: { token: m.token, card: m.card },
            }),
        };
    }
  }

  /**
   * Uploads the file (`im/v1/files`, type `stream`), then sends it as a file message. The
   * upload goes through `client.request`: `im.file.create` sends the same multipart body
   * but resolves with `data` alone, dropping the code of a refusal. A retry uploads again
   * (an unused upload is harmless); the message's uuid still shows it once.
   */
  private async sendFile(m: Extract<OutboxMessage, { kind: 'file' }>): Promise<ApiBody> {
    const uploaded = asObject(
      await this.client.request({
        method: 'POST',
        url: '/open-apis/im/v1/files',
        headers: { 'Content-Type': 'multipart/form-data' },
        data: { file_type: 'stream', file_name: m.fileName, file: Buffer.from(m.content, 'utf8') },
      }),
    ) as (Omit<ApiBody, 'data'> & { data?: { file_key?: string } }) | undefined;
    const fileKey = uploaded?.data?.file_key;
    if (uploaded?.code !== 0 || !fileKey) {
      // a refusal keeps its code; a success without a key has none (retried)
      return uploaded?.code !== 0 && uploaded ? { code: uploaded.code, msg: uploaded.msg } : {};
    }
    await this.meter.record('im.message.create');
    return this.client.im.v1.message.create({
      params: { receive_id_type: m.to.type },
      data: {
        receive_id: m.to.id,
        msg_type: 'file',
        content: JSON.stringify({ file_key: fileKey }),
        uuid: m.uuid,
      },
    });
  }

  /** HTTP 200: the SDK resolves with the body whatever its `code`. */
  private async fromBody(body: unknown): Promise<Delivery> {
    const b = asObject(body) as ApiBody | undefined;
    if (b?.code === 0) {
      const messageId = b.data?.message_id;
      return messageId ? { ok: true, messageId } : { ok: true };
    }
    if (typeof b?.code !== 'number')
      return { ok: false, retry: true, reason: 'unexpected response without a code' };
    return this.fromCode(b.code, b.msg, undefined, undefined);
  }

  /** HTTP 4xx/5xx (the SDK rethrows the AxiosError) or a transport failure. */
  private async fromError(err: unknown): Promise<Delivery> {
    const e = asObject(err);
    const response = asObject(e?.response);
    const errno = typeof e?.code === 'string' ? e.code : undefined;
    if (!response) {
      const message = err instanceof Error ? err.message : String(err);
      if (e?.isAxiosError === true || (errno && NETWORK_ERRNOS.has(errno))) {
        return { ok: false, retry: true, reason: `network error: ${errno ?? message}` };
      }
      // not from the HTTP layer (e.g. the token call answered with an error code)
      return { ok: false, retry: true, reason: `request failed: ${message}` };
    }
    const status = typeof response.status === 'number' ? response.status : 0;
    const body = asObject(response.data);
    const code = typeof body?.code === 'number' ? body.code : undefined;
    const msg = typeof body?.msg === 'string' ? body.msg : undefined;
    const retryAfterMs = resetHeaderMs(response.headers);
    if (code !== undefined && code !== 0) {
      const d = await this.fromCode(code, msg, status, retryAfterMs);
      if (d.ok || d.retry || status < 500) return d;
    }
    if (status === 429) {
      return {
        ok: false,
        retry: true,
        ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
        reason: 'HTTP 429',
      };
    }
    if (status >= 500) return { ok: false, retry: true, reason: describe(status, code, msg) };
    return { ok: false, retry: false, reason: describe(status, code, msg) };
  }

  private async fromCode(
    code: number,
    msg: string | undefined,
    status: number | undefined,
    retryAfterMs: number | undefined,
  ): Promise<Delivery> {
    if (TOKEN_INVALID.has(code)) {
      await this.invalidateToken();
      return { ok: false, retry: true, retryAfterMs: 0, reason: describe(status, code, msg) };
    }
    if (code === MONTHLY_QUOTA) {
      return {
        ok: false,
        retry: false,
        reason: `the monthly API call quota is used up (${describe(status, code, msg)})`,
      };
    }
    if (RATE_LIMITED.has(code)) {
      return {
        ok: false,
        retry: true,
        ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
        reason: `rate limited (${describe(status, code, msg)})`,
      };
    }
    return { ok: false, retry: false, reason: describe(status, code, msg), code };
  }

  /**
   * The SDK caches the tenant token until shortly before `expire` and never
   * refreshes it on 99991663/99991668. `DefaultCache.get` treats an entry whose
   * expiry time (absolute, in ms) has passed as a miss, and the token manager
   * refetches on a miss, so overwriting the entry with an expired empty value
   * forces the next call to fetch a fresh token.
   */
  private async invalidateToken(): Promise<void> {
    try {
      await this.client.cache.set(CTenantAccessToken, '', 1, { namespace: this.client.appId });
      this.log.warn('lark: tenant token rejected, refetching');
    } catch (err) {
      this.log.warn(
        { err: err instanceof Error ? err.message : String(err) },
        'lark: token cache reset failed',
      );
    }
  }
}

function describe(status: number | undefined, code: number | undefined, msg: string | undefined): string {
  const parts: string[] = [];
  if (status !== undefined && status !== 200) parts.push(`HTTP ${status}`);
  if (code !== undefined) parts.push(`code ${code}`);
  const head = parts.join(' ') || 'unknown error';
  return msg ? `${head}: ${msg}` : head;
}

/** `x-ogw-ratelimit-reset` (seconds until the window resets) in milliseconds. */
function resetHeaderMs(headers: unknown): number | undefined {
  const h = asObject(headers);
  if (!h) return undefined;
  const getter = h.get;
  const raw =
    typeof getter === 'function' ? getter.call(h, 'x-ogw-ratelimit-reset') : h['x-ogw-ratelimit-reset'];
  const seconds = Number(Array.isArray(raw) ? raw[0] : raw);
  if (raw === undefined || raw === null || raw === '' || !Number.isFinite(seconds) || seconds < 0)
    return undefined;
  return Math.round(seconds * 1000);
}
