import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A message the fake received: what the bot sent, and when (ms, `performance.now()` clock). */
export interface ReceivedMessage {
  at: number;
  method: string;
  path: string;
  uuid?: string;
  receiveId?: string;
  content?: string;
}

/**
 * A small local stand-in for Feishu's OpenAPI, reached through `LARK_DOMAIN=http://127.0.0.1:PORT`
 * (end-to-end runs and `npm run bench`; unit tests use nock). It answers the token, the bot's
 * identity, sending, replying and updating messages, and records every message call. Loopback only.
 */
export class FakeFeishu {
  readonly messages: ReceivedMessage[] = [];
  /** Every OpenAPI request, token and identity included. */
  calls = 0;
  private server: Server | undefined;
  private seq = 0;
  private waiters: { n: number; resolve: () => void }[] = [];

  async start(port = 0): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    this.server.keepAliveTimeout = 30_000;
    await new Promise<void>((resolve) => this.server?.listen(port, '127.0.0.1', resolve));
    return this.url;
  }

  get url(): string {
    const address = this.server?.address() as AddressInfo | null;
    if (!address) throw new Error('fake feishu: not started');
    return `http://127.0.0.1:${address.port}`;
  }

  /** Resolves once `n` messages in all have arrived. */
  waitFor(n: number, timeoutMs = 30_000): Promise<void> {
    if (this.messages.length >= n) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(new Error(`fake feishu: ${this.messages.length} of ${n} messages after ${timeoutMs} ms`)),
        timeoutMs,
      );
      this.waiters.push({
        n,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      });
    });
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => {
      if (!this.server) return resolve();
      this.server.closeAllConnections();
      this.server.close(() => resolve());
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    this.calls += 1;
    const url = new URL(req.url ?? '/', 'http://fake');
    const path = url.pathname;
    const send = (body: unknown, status = 200) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (path === '/open-apis/auth/v3/tenant_access_token/internal') {
      return send({ code: 0, msg: 'ok', tenant_access_token: 't-fake', expire: 7200 });
    }
    if (path === '/open-apis/bot/v3/info') {
      return send({ code: 0, msg: 'ok', bot: { open_id: 'ou_fake_bot', app_name: '学生会助手' } });
    }
    if (path.startsWith('/open-apis/im/v1/messages') || path === '/open-apis/interactive/v1/card/update') {
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
      } catch {}
      this.messages.push({
        at: performance.now(),
        method: req.method ?? '',
        path,
        ...(typeof body.uuid === 'string' ? { uuid: body.uuid } : {}),
        ...(typeof body.receive_id === 'string' ? { receiveId: body.receive_id } : {}),
        ...(typeof body.content === 'string' ? { content: body.content } : {}),
      });
      this.seq += 1;
      for (const w of this.waiters.filter((w) => this.messages.length >= w.n)) w.resolve();
      this.waiters = this.waiters.filter((w) => this.messages.length < w.n);
      return send({ code: 0, msg: 'success', data: { message_id: `om_fake_${this.seq}` } });
    }
    return send({ code: 404, msg: `fake feishu: no ${req.method} ${path}` }, 404);
  }
}
