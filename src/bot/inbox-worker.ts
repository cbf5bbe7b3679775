import { hostname } from 'node:os';
import type { Logger } from '../lib/logger.ts';
import type { QueueEntry, Store } from '../store/store.ts';
import type { Bot } from './bot.ts';
import { InboxEntrySchema } from './inbox-entry.ts';

export interface InboxWorkerOptions {
  store: Store;
  bot: Bot;
  log: Logger;
  consumer?: string;
  /** An entry read by a consumer that then died is taken over after this idle time. */
  claimIdleMs?: number;
  /** After this many deliveries an entry goes to the dead letters (logged). */
  maxDeliveries?: number;
  /** How many updates are handled at once. */
  concurrency?: number;
}

/**
 * Drains the inbox: every acknowledged event is handled, and acked only after its
 * effects are committed. If the process dies in between, the entry stays pending
 * and is claimed again (by this process after a restart, or by another replica);
 * the journal keeps the second run from repeating anything.
 */
export class InboxWorker {
  private running = false;
  private loop: Promise<void> | undefined;
  private readonly consumer: string;

  constructor(private readonly opts: InboxWorkerOptions) {
    this.consumer = opts.consumer ?? `${hostname()}-${process.pid}`;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
  }

  /** Handles everything available now, including stale pending entries (tests, local chat). */
  async drain(): Promise<number> {
    let handled = 0;
    for (;;) {
      const batch = [
        ...(await this.opts.store.inbox.claimStale(this.consumer, 0, 50)),
        ...(await this.opts.store.inbox.read(this.consumer, 50, 0)),
      ];
      if (batch.length === 0) return handled;
      await this.handleBatch(batch);
      handled += batch.length;
    }
  }

  private async run(): Promise<void> {
    const { store, log } = this.opts;
    while (this.running) {
      try {
        const stale = await store.inbox.claimStale(this.consumer, this.opts.claimIdleMs ?? 60_000, 50);
        if (stale.length > 0) {
          log.info({ count: stale.length }, 'inbox: taking over events a stopped process had not finished');
          await this.handleBatch(stale);
        }
        const batch = await store.inbox.read(this.consumer, this.opts.concurrency ?? 16, 1000);
        await this.handleBatch(batch);
      } catch (err) {
        log.error({ err: String(err) }, 'inbox: store error, retrying shortly');
        await new Promise((r) => setTimeout(r, 1000));
      }
    }
  }

  /** Chats in parallel; within one chat in arrival order, so replies keep the order of the questions. */
  private async handleBatch(batch: QueueEntry[]): Promise<void> {
    const byChat = new Map<string, QueueEntry[]>();
    for (const e of batch) {
      const chat = chatOf(e.data);
      byChat.set(chat, [...(byChat.get(chat) ?? []), e]);
    }
    await Promise.all(
      [...byChat.values()].map(async (entries) => {
        for (const e of entries) await this.handle(e);
      }),
    );
  }

  private async handle(entry: QueueEntry): Promise<void> {
    const { store, bot, log } = this.opts;
    const parsed = InboxEntrySchema.safeParse(safeJson(entry.data));
    if (!parsed.success) {
      log.error({ id: entry.id }, 'inbox: malformed entry, moved to dead letters');
      await store.inbox.deadLetter(entry, 'malformed entry');
      return;
    }
    if (entry.deliveries > (this.opts.maxDeliveries ?? 5)) {
      log.error({ key: parsed.data.key, deliveries: entry.deliveries }, 'inbox: giving up on an event');
      await store.inbox.deadLetter(entry, `failed ${entry.deliveries - 1} times`);
      return;
    }
    const started = Date.now();
    try {
      await bot.handleUpdate(parsed.data);
      await store.inbox.ack(entry.id);
      log.debug({ key: parsed.data.key, ms: Date.now() - started }, 'inbox: handled');
    } catch (err) {
      // Left pending: it is claimed again after claimIdleMs.
      log.error({ err: String(err), key: parsed.data.key }, 'inbox: handling failed, will retry');
    }
  }
}

/** The chat an entry belongs to (its own id when it has none). */
function chatOf(data: string): string {
  const entry = safeJson(data) as
    | { key?: string; envelope?: { event?: { message?: { chat_id?: unknown } } } }
    | undefined;
  const chat = entry?.envelope?.event?.message?.chat_id;
  return typeof chat === 'string' ? chat : (entry?.key ?? data);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
