import type { KeySpace } from './keys.ts';
import type { Store } from './store.ts';

/**
 * The message ids of every copy of a card (`sent:<track>`): an approval card goes to
 * each approver, and the first decision updates them all.
 */
export class SentCards {
  constructor(
    private readonly store: Store,
    private readonly keys: KeySpace,
  ) {}

  /** Records a delivered copy (the outbox worker, after Feishu answered with its id). */
  async add(track: string, messageId: string): Promise<void> {
    await this.store.commit({
      plan: () => ({
        writes: [{ op: 'sadd', key: this.keys.sent(track), members: [messageId] }],
        result: null,
      }),
    });
  }

  /** The copies delivered so far, sorted. */
  async copies(track: string): Promise<string[]> {
    return (await this.store.smembers(this.keys.sent(track))).sort();
  }
}
