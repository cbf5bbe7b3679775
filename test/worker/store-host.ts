/**
 * A test Worker (bundled by test/worker/miniflare.ts, never deployed): a Durable Object
 * that hosts the real {@link DoStore} on its SQLite storage and answers a small RPC, so
 * the store contract suite in Node drives the adapter inside workerd. Each test names
 * its own object, so each gets an empty database.
 */
import { DoStore } from '../../src/store/do-store.ts';
import type { DurableObjectState, WorkerBindings } from '../../src/worker/bindings.ts';
import { decode, encode } from './rpc-codec.ts';

interface Call {
  target: 'store' | 'inbox' | 'outbox' | 'seats' | 'presence';
  method: string;
  args: unknown[];
}

export class StoreHost {
  private readonly store: DoStore;

  constructor(state: DurableObjectState) {
    this.store = new DoStore(state.storage);
  }

  async fetch(request: Request): Promise<Response> {
    const { target, method, args } = decode(await request.text()) as Call;
    try {
      const result = await this.call(target, method, args);
      return new Response(encode({ result }));
    } catch (err) {
      return new Response(encode({ error: err instanceof Error ? err.message : String(err) }), {
        status: 500,
      });
    }
  }

  private call(target: Call['target'], method: string, args: unknown[]): Promise<unknown> {
    const { store } = this;
    if ((target === 'inbox' || target === 'outbox') && method === 'takeOver') {
      // The suite's `alive` is always the store's own presence, which lives here.
      const [consumer, count, ownIdleMs] = args as [string, number, number | undefined];
      return store[target].takeOver(consumer, (names) => store.presence.alive(names), count, ownIdleMs);
    }
    const object = (target === 'store' ? store : store[target]) as unknown as Record<
      string,
      (...a: unknown[]) => Promise<unknown>
    >;
    const fn = object[method];
    if (typeof fn !== 'function') throw new Error(`no such method: ${target}.${method}`);
    return fn.apply(object, args);
  }
}

export default {
  fetch(request: Request, env: WorkerBindings): Promise<Response> {
    const name = new URL(request.url).searchParams.get('object') ?? 'default';
    return env.UNION_BOT.get(env.UNION_BOT.idFromName(name)).fetch(request);
  },
};
