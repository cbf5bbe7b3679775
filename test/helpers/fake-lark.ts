import type { Client } from '@larksuiteoapi/node-sdk';
import { DefaultCache } from '@larksuiteoapi/node-sdk';
import nock from 'nock';
import { createLarkClient } from '../../src/bot/lark-client.ts';
import { silentLogger } from '../../src/lib/logger.ts';

/**
 * A fake Feishu OpenAPI for tests, using nock underneath the SDK's real axios
 * calls. Call `nock.cleanAll()` in `afterEach` (or `resetFakeLark()`).
 *
 *   const lark = fakeLark();
 *   const sent = recordMessages(lark.base, [{ status: 429, body: { code: 99991400 } }]);
 *   await new LarkSender({ client: lark.client, ... }).deliver(message);
 *   expect(sent.requests).toHaveLength(2);
 */

export const TEST_APP_ID = 'cli_0123456789abcdef';
export const TEST_TOKEN = 't-test';

export interface FakeLark {
  base: string;
  /** The nock scope of the (persisted) token endpoint. */
  scope: nock.Scope;
  /** An SDK client with its own token cache, pointed at `base`. */
  client: Client;
  /** How often the tenant token was fetched. */
  tokenRequests(): number;
}

export function fakeLark(base = 'http://lark.test'): FakeLark {
  nock.disableNetConnect();
  let tokens = 0;
  const scope = nock(base)
    .persist()
    .post('/open-apis/auth/v3/tenant_access_token/internal')
    .reply(200, () => {
      tokens += 1;
      return { code: 0, msg: 'ok', tenant_access_token: TEST_TOKEN, expire: 7200 };
    });
  const client = createLarkClient({
    appId: TEST_APP_ID,
    appSecret: 's',
    domain: base,
    logger: silentLogger(),
    // the SDK's default cache is process-wide: a fresh one keeps tests independent
    cache: new DefaultCache(),
  });
  return { base, scope, client, tokenRequests: () => tokens };
}

/** Removes every interceptor (use in `afterEach`). */
export function resetFakeLark(): void {
  nock.cleanAll();
}

/** One scripted answer. `error` simulates a transport failure (no HTTP response). */
export interface FakeReply {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
  error?: string;
}

export interface RecordedRequest {
  method: string;
  /** Path without the query string. */
  path: string;
  query: Record<string, string>;
  body: Record<string, unknown>;
  authorization: string | undefined;
}

export interface Recorder {
  /** Every request answered, in order. */
  requests: RecordedRequest[];
  /** The requests' bodies, in order. */
  bodies(): Record<string, unknown>[];
}

/**
 * Answers every request whose path starts with `prefix` (any method), records
 * it, and replies with `replies[n]` for the n-th request; once the script runs
 * out (or for a function returning undefined) it answers success with
 * `data.message_id = om_<n>`.
 */
export function recordRequests(
  base: string,
  prefix: string,
  replies: FakeReply[] | ((req: RecordedRequest, n: number) => FakeReply | undefined) = [],
): Recorder {
  const requests: RecordedRequest[] = [];
  const match = (uri: string) => uri.startsWith(prefix);
  const scope = nock(base).persist();
  for (const method of ['get', 'post', 'put', 'patch', 'delete'] as const) {
    scope[method](match)
      .query(true)
      .reply(async function (uri, body) {
        const url = new URL(uri, base);
        const auth = this.req.headers.authorization;
        const req: RecordedRequest = {
          method: method.toUpperCase(),
          path: url.pathname,
          query: Object.fromEntries(url.searchParams),
          body: parseBody(body),
          authorization: Array.isArray(auth) ? auth[0] : auth,
        };
        const n = requests.length;
        requests.push(req);
        const scripted = typeof replies === 'function' ? replies(req, n) : replies[n];
        const r = scripted ?? { body: okBody(n) };
        if (r.error) {
          const err = Object.assign(new Error(r.error), { code: r.error });
          throw err;
        }
        return [r.status ?? 200, (r.body ?? okBody(n)) as nock.Body, r.headers ?? {}];
      });
  }
  return { requests, bodies: () => requests.map((r) => r.body) };
}

/** {@link recordRequests} for `/open-apis/im/v1/messages` (create, reply, patch). */
export function recordMessages(
  base = 'http://lark.test',
  replies?: FakeReply[] | ((req: RecordedRequest, n: number) => FakeReply | undefined),
): Recorder {
  return recordRequests(base, '/open-apis/im/v1/messages', replies);
}

function okBody(n: number) {
  return { code: 0, msg: 'success', data: { message_id: `om_${n}` } };
}

function parseBody(body: unknown): Record<string, unknown> {
  if (body && typeof body === 'object') return body as Record<string, unknown>;
  if (typeof body === 'string' && body.length > 0) {
    try {
      return JSON.parse(body) as Record<string, unknown>;
    } catch {
      return { raw: body };
    }
  }
  return {};
}
