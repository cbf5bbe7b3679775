import type { Readable } from 'node:stream';
import { Hono } from 'hono';
import type { LocalOutbox } from './bot/local-outbox.ts';
import type { Receiver } from './bot/receiver.ts';
import { MAX_BODY_BYTES } from './bot/receiver.ts';
import type { Logger } from './lib/logger.ts';
import type { Store } from './store/store.ts';

export interface AppDeps {
  receiver: Receiver;
  store: Store;
  log: Logger;
  /**
   * Local mode only: what the bot would have sent, for `npm run chat -- --url …`.
   * `token` (the Verification Token, when one is configured) is asked for as Feishu's events are.
   */
  local?: { outbox: LocalOutbox; token?: string };
}

/**
 * The HTTP edge (SPEC §7): events and card callbacks on one URL, and health probes.
 * Thin on purpose: everything Feishu-specific is in the receiver.
 */
export function createApp({ receiver, store, log, local }: AppDeps): Hono {
  const app = new Hono();

  // The body limit is enforced while reading (hono's bodyLimit middleware would build a
  // web Request for every event just to look at its body).
  app.post('/lark/events', async (c) => {
    const arrivedAt = performance.now();
    const tooLarge = () => {
      log.warn({ status: 413 }, 'receiver: request refused: body too large');
      return c.json({ error: 'body too large' }, 413);
    };
    if (Number(c.req.header('content-length') ?? 0) > MAX_BODY_BYTES) return tooLarge();
    const incoming = (c.env as { incoming?: Readable } | undefined)?.incoming;
    // On Node the raw stream is read directly: building a web Request for the body cost
    // about a sixth of the event path. Elsewhere (Workers) the standard way.
    const body = incoming
      ? await readStream(incoming, MAX_BODY_BYTES)
      : await readRequest(c.req.raw, MAX_BODY_BYTES);
    if (!body) return tooLarge();
    const result = await receiver.handleHttp({ body, header: (name) => c.req.header(name), arrivedAt });
    return c.json(result.body as object, result.status as 200);
  });

  app.get('/healthz', (c) => c.json({ ok: true }));

  app.get('/readyz', async (c) => {
    try {
      await store.ping();
      return c.json({ ok: true, store: store.kind });
    } catch {
      return c.json({ ok: false, store: store.kind }, 503);
    }
  });

  // Not registered with Feishu credentials: then it is a 404 like any unknown path.
  if (local) {
    app.get('/local/outbox', async (c) => {
      if (local.token && c.req.header('x-lark-verification-token') !== local.token) {
        return c.json({ error: 'verification token mismatch' }, 403);
      }
      const after = Number(c.req.query('after') ?? 0);
      if (!Number.isInteger(after) || after < 0) return c.json({ error: 'after: a message number ≥ 0' }, 400);
      // Asked before the page is read: when nothing is queued, everything handled is on the page.
      const busy = (await store.inbox.backlog()) + (await store.outbox.backlog()) > 0;
      return c.json({ ...local.outbox.since(after), busy });
    });
  }

  app.onError((err, c) => {
    log.error({ err: String(err), path: c.req.path }, 'http: unhandled error');
    return c.json({ error: 'internal error' }, 500);
  });

  return app;
}

/** The whole body of a web Request, or undefined when it is longer than `max` bytes. */
async function readRequest(req: Request, max: number): Promise<Uint8Array | undefined> {
  const body = new Uint8Array(await req.arrayBuffer());
  return body.byteLength > max ? undefined : body;
}

/** The whole body of a Node request stream, or undefined when it is longer than `max` bytes. */
function readStream(stream: Readable, max: number): Promise<Uint8Array | undefined> {
  // Events, not `for await`: the async iterator allocated a good deal per request.
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) {
        done();
        stream.resume();
        resolve(undefined);
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      done();
      resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks));
    };
    const onError = (err: Error) => {
      done();
      reject(err);
    };
    const done = () => {
      stream.off('data', onData);
      stream.off('end', onEnd);
      stream.off('error', onError);
    };
    stream.on('data', onData);
    stream.on('end', onEnd);
    stream.on('error', onError);
  });
}
