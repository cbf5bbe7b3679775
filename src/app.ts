import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Receiver } from './bot/receiver.ts';
import { MAX_BODY_BYTES } from './bot/receiver.ts';
import type { Logger } from './lib/logger.ts';
import type { Store } from './store/store.ts';

export interface AppDeps {
  receiver: Receiver;
  store: Store;
  log: Logger;
}

/**
 * The HTTP edge (SPEC §7): events and card callbacks on one URL, and health probes.
 * Thin on purpose: everything Feishu-specific is in the receiver.
 */
export function createApp({ receiver, store, log }: AppDeps): Hono {
  const app = new Hono();

  app.post(
    '/lark/events',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) => {
        log.warn({ status: 413 }, 'receiver: request refused: body too large');
        return c.json({ error: 'body too large' }, 413);
      },
    }),
    async (c) => {
      const body = new Uint8Array(await c.req.arrayBuffer());
      const result = await receiver.handleHttp({ body, header: (name) => c.req.header(name) });
      return c.json(result.body as object, result.status as 200);
    },
  );

  app.get('/healthz', (c) => c.json({ ok: true }));

  app.get('/readyz', async (c) => {
    try {
      await store.ping();
      return c.json({ ok: true, store: store.kind });
    } catch {
      return c.json({ ok: false, store: store.kind }, 503);
    }
  });

  app.onError((err, c) => {
    log.error({ err: String(err), path: c.req.path }, 'http: unhandled error');
    return c.json({ error: 'internal error' }, 500);
  });

  return app;
}
