import { earlyChallenge } from '../bot/receiver.ts';
import type { Runtime } from '../runtime.ts';
import { DoStore } from '../store/do-store.ts';
import type { DurableObjectState, WorkerBindings } from './bindings.ts';
import { createWorkerRuntime, workerEnv } from './worker-runtime.ts';

/** Paths the Worker keeps to itself: only the entry (the cron trigger) calls them, never the internet. */
export const TICK_PATH = '/__worker/tick';
/** While something waits in a queue (a retry, a rate limit), the alarm looks again this soon. */
const RETRY_AFTER_MS = 15_000;
/** Expired keys (dedupe ids, journal markers) are deleted at most this often. */
const SWEEP_EVERY_MS = 3600_000;

/**
 * The union's one Durable Object: the bot's state (SQLite) and the bot itself. Requests
 * are answered by the same Hono app as on Node: an event is verified and recorded in the
 * inbox, and the reply is 200 at once. The object's alarm then handles the inbox (the
 * same handlers) and drains the outbox (the same sender, rate limits and retries); the
 * cron trigger asks the same scheduler what is due. An alarm that fails is retried by the
 * platform, and an entry not acked stays pending for the next one.
 */
export class UnionBot {
  private readonly store: DoStore;
  private runtime: Promise<Runtime> | undefined;
  /** The runtime is ready (the first requests of a new object wait for it, a challenge does not). */
  private built = false;
  private lastSweep = 0;

  constructor(
    private readonly state: DurableObjectState,
    private readonly bindings: WorkerBindings,
  ) {
    this.store = new DoStore(state.storage);
  }

  async fetch(request: Request): Promise<Response> {
    // Saving the request URL in the console sends a challenge to a new object, to be
    // answered within a second: it is answered from the keys while the bot is built.
    if (!this.built && request.method === 'POST' && new URL(request.url).pathname === '/lark/events') {
      const env = workerEnv(this.bindings);
      const early = earlyChallenge(await request.clone().text(), {
        encryptKey: env.encryptKey,
        verificationToken: env.verificationToken,
        local: !env.lark,
      });
      if (early) {
        const building = this.rt().catch(() => {});
        this.state.waitUntil?.(building);
        return new Response(JSON.stringify(early.body), {
          status: early.status,
          headers: { 'content-type': 'application/json' },
        });
      }
    }
    const rt = await this.rt();
    if (new URL(request.url).pathname === TICK_PATH) {
      const { at } = (await request.json()) as { at: number };
      await this.tick(rt, new Date(at));
    } else {
      const response = await rt.app.fetch(request);
      await this.wakeIfQueued();
      return response;
    }
    await this.wakeIfQueued();
    return new Response(null, { status: 204 });
  }

  async alarm(): Promise<void> {
    const rt = await this.rt();
    // Handling an update queues messages, and a card sent may queue an update: go until both rest.
    while ((await rt.inbox.drain()) + (await rt.outbox.drain()) > 0) {}
    if (Date.now() - this.lastSweep > SWEEP_EVERY_MS) {
      this.lastSweep = Date.now();
      this.store.sweep();
    }
    const left = (await this.store.inbox.backlog()) + (await this.store.outbox.backlog());
    if (left > 0) await this.state.storage.setAlarm(Date.now() + RETRY_AFTER_MS);
  }

  /** The scheduler's sweep at the trigger's time: every job that is due in the org's zone runs once. */
  private async tick(rt: Runtime, at: Date): Promise<void> {
    for (const job of rt.scheduler.jobs) await rt.scheduler.due(job, at);
  }

  /**
   * Sets the alarm to now when a queue has work. Always: an alarm that is running may have
   * finished its last drain before this work was queued and re-armed itself for the retry
   * delay (an alarm "due" then is no promise of a drain to come). A second alarm right
   * after is harmless: draining respects each entry's retry time.
   */
  private async wakeIfQueued(): Promise<void> {
    if ((await this.store.inbox.backlog()) + (await this.store.outbox.backlog()) === 0) return;
    await this.state.storage.setAlarm(Date.now());
  }

  private rt(): Promise<Runtime> {
    this.runtime ??= createWorkerRuntime(this.bindings, this.store).then(
      (rt) => {
        this.built = true;
        return rt;
      },
      (err: unknown) => {
        this.runtime = undefined;
        throw err;
      },
    );
    return this.runtime;
  }
}
