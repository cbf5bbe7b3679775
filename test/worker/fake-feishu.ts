/** One request the Worker made to Feishu's OpenAPI. */
export interface FeishuCall {
  method: string;
  path: string;
  query: Record<string, string>;
  body: Record<string, unknown>;
}

/**
 * Feishu's OpenAPI as Miniflare's `outboundService`: every `fetch` the Worker makes comes
 * here. It hands out a tenant token and the bot's identity, and records and accepts every
 * message (ids `om_<n>`).
 */
export class FakeFeishu {
  readonly calls: FeishuCall[] = [];
  /** How long the first bot-info answer takes (a slow first start of a new object). */
  firstBotInfoDelayMs = 0;

  readonly handle = async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    const text = request.method === 'GET' ? '' : await request.text();
    const json = (body: unknown) =>
      new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });
    if (url.pathname === '/open-apis/auth/v3/tenant_access_token/internal') {
      return json({ code: 0, msg: 'ok', tenant_access_token: 't-worker', expire: 7200 });
    }
    if (url.pathname === '/open-apis/bot/v3/info') {
      const delay = this.firstBotInfoDelayMs;
      this.firstBotInfoDelayMs = 0;
      if (delay > 0) await new Promise((r) => setTimeout(r, delay));
      return json({ code: 0, msg: 'ok', bot: { open_id: 'ou_the_bot', app_name: '学生会助手' } });
    }
    this.calls.push({
      method: request.method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
    });
    return json({ code: 0, msg: 'ok', data: { message_id: `om_${this.calls.length}` } });
  };

  /** Messages created for a receiver (open_id or chat_id), newest last. */
  to(id: string): FeishuCall[] {
    return this.calls.filter((c) => c.method === 'POST' && c.body.receive_id === id);
  }
}

/** Every `{ a: … }` button value in a card, wherever it sits. */
export function actionValues(content: unknown): Record<string, unknown>[] {
  const found: Record<string, unknown>[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      if (typeof (v as { a?: unknown }).a === 'string') found.push(v as Record<string, unknown>);
      Object.values(v).forEach(walk);
    }
  };
  walk(typeof content === 'string' ? JSON.parse(content) : content);
  return found;
}

/** Polls until `check` returns something truthy (the Durable Object's alarm works in the background). */
export async function eventually<T>(
  check: () => T | undefined | false,
  what: string,
  ms = 20_000,
): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const got = check();
    if (got) return got;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
