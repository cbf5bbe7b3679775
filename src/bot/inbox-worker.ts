import { hostname } from 'node:os';
import type { Logger } from '../lib/logger.ts';
import { HEARTBEAT_EVERY_MS, type QueueEntry, type Store } from '../store/store.ts';
import type { Bot } from './bot.ts';
import { InboxEntrySchema } from './inbox-entry.ts';

export interface InboxWorkerOptions {
  store: Store;
  bot: Bot;
  log: Logger;
  /** This process's consumer name (registered with the store's presence). Default `${hostname}-${pid}`. */
  consumer?: string;
  /** After this many deliveries an entry goes to the dead letters (logged). */
  maxDeliveries?: number;
  /** An entry this process failed to handle is tried again after this idle time (default 60 s). */
  retryIdleMs?: number;
  /** How many updates are handled at once. */
  concurrency?: number;
}

/**
 * Drains the inbox: every acknowledged event is handled, and acked in the same atomic
 * step as its effects. If the process dies in between, the entry stays pending: this
 * process takes its own entries back when it starts again, and a live replica takes over
 * a dead one's once its heartbeat has expired (never a live one's); the journal keeps
 * the second run from repeating anything.
 */
export class InboxWorker {
  private running = false;
  private loop: Promise<void> | undefined;
  private readonly consumer: string;
  private lastTakeover = 0;

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

  /** Handles everything available now: its own and dead consumers' pending entries, then new ones. */
  async drain(): Promise<number> {
    let handled = 0;
    for (let own = true; ; own = false) {
      const batch = [
        ...(await this.takeOver(own)),
        ...(await this.opts.store.inbox.read(this.consumer, 50, 0)),
      ];
      if (batch.length === 0) return handled;
      await this.handleBatch(batch);
      handled += batch.length;
    }
  }

  /** Dead consumers' entries, and this one's own: all of them at start, else those idle long enough to retry. */
  private takeOver(start: boolean): Promise<QueueEntry[]> {
    this.lastTakeover = Date.now();
    const { presence, inbox } = this.opts.store;
    const ownIdleMs = start ? 0 : (this.opts.retryIdleMs ?? 60_000);
    return inbox.takeOver(this.consumer, (names) => presence.alive(names), 50, ownIdleMs);
  }

  private async run(): Promise<void> {
    const { store, log } = this.opts;
    let own = true;
    while (this.running) {
      try {
        if (own || Date.now() - this.lastTakeover >= HEARTBEAT_EVERY_MS) {
          const stale = await this.takeOver(own);
          own = false;
          if (stale.length > 0) {
            log.info({ count: stale.length }, 'inbox: taking over events a stopped process had not finished');
            await this.handleBatch(stale);
          }
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
      // The ack commits with the update's effects; an update with nothing to commit is acked here.
      if (!(await bot.handleUpdate(parsed.data, { ackInbox: entry.id }))) await store.inbox.ack(entry.id);
      log.debug({ key: parsed.data.key, ms: Date.now() - started }, 'inbox: handled');
    } catch (err) {
      // Left pending: tried again once idle for retryIdleMs (or by a replica, if this process dies).
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
