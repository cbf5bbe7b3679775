import { hostname } from 'node:os';
import type { Logger } from '../lib/logger.ts';
import { textContent } from '../messages/content.ts';
import { type OutboxMessage, OutboxMessageSchema, rateKey } from '../messages/outbox-message.ts';
import type { SentCards } from '../store/sent-cards.ts';
import { HEARTBEAT_EVERY_MS, type QueueEntry, type Store } from '../store/store.ts';
import { RateLimiter } from './rate-limiter.ts';
import type { Delivery, Sender } from './sender.ts';

export interface OutboxWorkerOptions {
  store: Store;
  /** Where the copies of a tracked card are recorded. */
  cards: SentCards;
  sender: Sender;
  logger: Logger;
  limiter?: RateLimiter;
  /** Consumer name in the outbox group. Default `${hostname}-${pid}`. */
  consumer?: string;
  /** Delivery attempts per message in total, across processes (default 8). */
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** This worker's own pending entries idle this long are tried again (default 5 min, longer than a retry chain). */
  claimIdleMs?: number;
  /** Waits between attempts (tests inject one that resolves at once). */
  sleep?: (ms: number) => Promise<void>;
  /** How long one read blocks in {@link OutboxWorker.start} (default 1000 ms). */
  blockMs?: number;
  /** Pause after a store error in the loop (default 1000 ms, real time). */
  errorPauseMs?: number;
  /** Sent instead of a message Feishu refuses for its size (230025), so the person is not left with nothing. */
  tooLongText?: string;
}

/** Feishu: the message content is too long. */
const TOO_LONG = 230025;

const BATCH = 50;
const APOLOGY_SUFFIX = '-short';

type Parsed = { entry: QueueEntry; message: OutboxMessage };

/**
 * Drains the outbox and delivers each message through the {@link Sender}.
 * Messages to one chat go strictly in order; different chats in parallel.
 * A message is acked only after it was delivered (or dead-lettered), so a crash
 * leaves it pending and another process claims it; the message's `uuid` makes
 * Feishu show it once however often it is sent within an hour.
 */
export class OutboxWorker {
  private readonly store: Store;
  private readonly cards: SentCards;
  private readonly sender: Sender;
  private readonly log: Logger;
  private readonly limiter: RateLimiter;
  private readonly consumer: string;
  private readonly maxAttempts: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly claimIdleMs: number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly blockMs: number;
  private readonly errorPauseMs: number;
  private readonly tooLongText: string;

  private loop: Promise<void> | undefined;
  private stopping = false;
  private wakeStop: (() => void) | undefined;
  private stopSignal: Promise<void> = new Promise<void>(() => {});

  constructor(opts: OutboxWorkerOptions) {
    this.store = opts.store;
    this.cards = opts.cards;
    this.sender = opts.sender;
    this.log = opts.logger;
    this.limiter = opts.limiter ?? new RateLimiter();
    this.consumer = opts.consumer ?? `${hostname()}-${process.pid}`;
    this.maxAttempts = Math.max(1, opts.maxAttempts ?? 8);
    this.baseDelayMs = opts.baseDelayMs ?? 500;
    this.maxDelayMs = opts.maxDelayMs ?? 60_000;
    // Longer than one message's whole retry chain (~2 min at the defaults), so a live
    // worker's entry is never taken over while it is still retrying.
    this.claimIdleMs = opts.claimIdleMs ?? 5 * 60_000;
    this.sleep = opts.sleep ?? realDelay;
    this.blockMs = opts.blockMs ?? 1000;
    this.errorPauseMs = opts.errorPauseMs ?? 1000;
    this.tooLongText = opts.tooLongText ?? '抱歉，这条回复太长，飞书无法发送。请缩小查询范围后再试。';
  }

  /** Runs until {@link stop}. The returned promise settles when the loop has ended; it never rejects. */
  start(): Promise<void> {
    if (this.loop) return this.loop;
    this.stopping = false;
    this.stopSignal = new Promise<void>((resolve) => {
      this.wakeStop = resolve;
    });
    this.loop = this.run().finally(() => {
      this.loop = undefined;
    });
    return this.loop;
  }

  /** Ends the loop; resolves when the batch in progress is done. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wakeStop?.();
    await this.loop;
  }

  /** Processes everything available now (tests, the local chat); returns how many entries were handled. */
  async drain(): Promise<number> {
    let handled = await this.process(await this.takeOver(0));
    for (;;) {
      const batch = await this.store.outbox.read(this.consumer, BATCH, 0);
      if (batch.length === 0) return handled;
      handled += await this.process(batch);
    }
  }

  private async run(): Promise<void> {
    this.log.info({ consumer: this.consumer }, 'outbox: worker started');
    let lastTakeover: number | undefined;
    while (!this.stopping) {
      try {
        if (lastTakeover === undefined || Date.now() - lastTakeover >= HEARTBEAT_EVERY_MS) {
          // At start this process's own entries from before a restart; later, those whose retries it gave up.
          const stale = await this.takeOver(lastTakeover === undefined ? 0 : this.claimIdleMs);
          lastTakeover = Date.now();
          if (stale.length > 0) {
            this.log.warn({ count: stale.length }, 'outbox: took over messages a stopped process left');
            await this.process(stale);
          }
        }
        if (this.stopping) break;
        const started = Date.now();
        const batch = await this.store.outbox.read(this.consumer, BATCH, this.blockMs);
        if (batch.length > 0) await this.process(batch);
        else if (Date.now() - started < this.blockMs / 2) await this.pause(this.blockMs); // closed queue: do not spin
      } catch (err) {
        this.log.error({ err: errText(err) }, 'outbox: store error, retrying');
        await this.pause(this.errorPauseMs);
      }
    }
    this.log.info('outbox: worker stopped');
  }

  private async process(entries: QueueEntry[]): Promise<number> {
    const groups = new Map<string, Parsed[]>();
    for (const entry of entries) {
      const message = await this.parse(entry);
      if (!message) continue;
      const key = rateKey(message);
      const group = groups.get(key);
      if (group) group.push({ entry, message });
      else groups.set(key, [{ entry, message }]);
    }
    await Promise.all([...groups].map(([key, group]) => this.runGroup(key, group)));
    return entries.length;
  }

  private async parse(entry: QueueEntry): Promise<OutboxMessage | undefined> {
    let reason: string;
    try {
      const parsed = OutboxMessageSchema.safeParse(JSON.parse(entry.data));
      if (parsed.success) return parsed.data;
      reason = `malformed outbox entry: ${parsed.error.issues
        .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
        .join('; ')}`;
    } catch {
      reason = 'malformed outbox entry: not JSON';
    }
    this.log.error({ id: entry.id, reason }, 'outbox: malformed entry');
    await this.settle(entry, () => this.store.outbox.deadLetter(entry, reason));
    return undefined;
  }

  /** One chat's messages, strictly in order. */
  private async runGroup(key: string, group: Parsed[]): Promise<void> {
    for (const { entry, message } of group) {
      try {
        const outcome = await this.deliverOne(key, entry, message);
        // Stopping during a retry wait: this message and the rest of its chat stay
        // pending (sending the rest first would break the order); claimed later.
        if (outcome === 'abandoned') return;
      } catch (err) {
        // a store error: the entry stays pending and is claimed again after claimIdleMs
        this.log.error({ id: entry.id, ...describe(message), err: errText(err) }, 'outbox: store error');
      }
    }
  }

  private async deliverOne(
    key: string,
    entry: QueueEntry,
    message: OutboxMessage,
  ): Promise<'done' | 'abandoned'> {
    // Earlier deliveries of this entry (by a process that died) count as one attempt each.
    const used = Math.max(0, entry.deliveries - 1);
    if (used >= this.maxAttempts) {
      await this.giveUp(entry, message, `gave up after ${used} deliveries without an outcome`);
      return 'done';
    }
    for (let attempt = used + 1; ; attempt++) {
      await this.limiter.take(key);
      const result = await this.attempt(message);
      if (result.ok) {
        const track = 'track' in message ? message.track : undefined;
        if (track && result.messageId) {
          const messageId = result.messageId;
          await this.cards.add(track, messageId);
        }
        await this.store.outbox.ack(entry.id);
        return 'done';
      }
      const shorter = !result.retry && result.code === TOO_LONG ? this.apologyFor(message) : undefined;
      if (shorter) {
        this.log.error(
          { ...describe(message), reason: result.reason },
          'outbox: too long; sending an apology',
        );
        message = shorter;
        continue;
      }
      if (!result.retry) {
        this.log.error({ ...describe(message), reason: result.reason }, 'outbox: refused');
        await this.store.outbox.deadLetter(entry, result.reason);
        return 'done';
      }
      if (attempt >= this.maxAttempts) {
        await this.giveUp(entry, message, `gave up after ${attempt} attempts: ${result.reason}`);
        return 'done';
      }
      const waitMs =
        result.retryAfterMs !== undefined
          ? Math.min(result.retryAfterMs, this.maxDelayMs)
          : this.backoff(attempt);
      this.log.warn({ ...describe(message), attempt, waitMs, reason: result.reason }, 'outbox: retrying');
      await Promise.race([this.sleep(waitMs), this.stopSignal]);
      if (this.stopping && this.loop) return 'abandoned';
    }
  }

  /**
   * A short apology to the same chat in place of a message refused for its size (its own
   * uuid: the refused one created nothing). None for an update or for the apology itself.
   */
  private apologyFor(message: OutboxMessage): OutboxMessage | undefined {
    if ((message.kind !== 'send' && message.kind !== 'reply') || message.uuid.endsWith(APOLOGY_SUFFIX))
      return undefined;
    const { track: _track, ...rest } = message;
    return { ...rest, ...textContent(this.tooLongText), uuid: `${message.uuid}${APOLOGY_SUFFIX}` };
  }

  /** Entries of dead consumers (never a live one's), and this worker's own idle for `ownIdleMs`. */
  private takeOver(ownIdleMs: number): Promise<QueueEntry[]> {
    const { outbox, presence } = this.store;
    return outbox.takeOver(this.consumer, (names) => presence.alive(names), BATCH, ownIdleMs);
  }

  /** A sender that throws is treated like a retryable failure. */
  private async attempt(message: OutboxMessage): Promise<Delivery> {
    try {
      return await this.sender.deliver(message);
    } catch (err) {
      return { ok: false, retry: true, reason: `sender threw: ${errText(err)}` };
    }
  }

  private async giveUp(entry: QueueEntry, message: OutboxMessage, reason: string): Promise<void> {
    this.log.error({ ...describe(message), reason }, 'outbox: gave up');
    await this.store.outbox.deadLetter(entry, reason);
  }

  /** `min(maxDelayMs, baseDelayMs * 2^(attempt-1))`, with the upper half jittered. */
  private backoff(attempt: number): number {
    const ceiling = Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** (attempt - 1));
    return Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
  }

  private async settle(entry: QueueEntry, op: () => Promise<void>): Promise<void> {
    try {
      await op();
    } catch (err) {
      this.log.error({ id: entry.id, err: errText(err) }, 'outbox: store error');
    }
  }

  private pause(ms: number): Promise<void> {
    return Promise.race([realDelay(ms), this.stopSignal]);
  }
}

/** What may be logged about a message: never its content. */
function describe(m: OutboxMessage): Record<string, string> {
  switch (m.kind) {
    case 'send':
    case 'reply':
    case 'file':
      return { kind: m.kind, uuid: m.uuid };
    case 'patch':
      return { kind: m.kind, messageId: m.messageId };
    case 'card-update':
      return { kind: m.kind };
  }
}

function realDelay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function errText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
