import type { LocalMessage } from './console-sender.ts';

/** A message local mode would have sent, numbered in the order it was handed to the sender. */
export interface LocalOutboxEntry extends LocalMessage {
  seq: number;
  /** When it was handed to the sender (ISO 8601). */
  at: string;
}

/** What `GET /local/outbox?after=<seq>` answers. */
export interface LocalOutboxPage {
  /** The number of the last message kept (0 before the first): the next `after`. */
  last: number;
  /** Messages after `after` that fell out of the window before anyone read them. */
  dropped: number;
  messages: LocalOutboxEntry[];
}

/**
 * What a bot in local mode would have sent, kept in memory (the last `capacity`
 * messages) so the local chat connected to a running bot (`npm run chat -- --url …`)
 * can show the replies. Without Feishu credentials this is the only place they go
 * besides the console.
 */
export class LocalOutbox {
  private readonly entries: LocalOutboxEntry[] = [];
  private seq = 0;

  constructor(
    readonly capacity = 500,
    private readonly now: () => Date = () => new Date(),
  ) {}

  record(message: LocalMessage): void {
    this.entries.push({ ...message, seq: ++this.seq, at: this.now().toISOString() });
    if (this.entries.length > this.capacity) this.entries.splice(0, this.entries.length - this.capacity);
  }

  /** Messages numbered after `after` (all kept ones for 0). */
  since(after: number): LocalOutboxPage {
    const first = this.entries[0]?.seq ?? this.seq + 1;
    const messages = this.entries.filter((e) => e.seq > after);
    return { last: this.seq, dropped: Math.max(0, first - after - 1), messages };
  }
}
