import type { Sealer } from '../lib/seal.ts';
import type { KeySpace } from './keys.ts';
import type { Store } from './store.ts';

/** A track whose copies must not be readable from the store (an anonymous reporter's card). */
export const SEALED_TRACK = 'sealed:';

/**
 * The message ids of every copy of a card (`sent:<track>`): an approval card goes to
 * each approver, and the first decision updates them all. A track starting with
 * `sealed:` is kept under a keyed hash of its name with each message id sealed: a message
 * id names its recipient through the OpenAPI, and an anonymous reporter must stay unknown.
 */
export class SentCards {
  constructor(
    private readonly store: Store,
    private readonly keys: KeySpace,
    private readonly sealer?: Sealer,
  ) {}

  /** Records a delivered copy (the outbox worker, after Feishu answered with its id). */
  async add(track: string, messageId: string): Promise<void> {
    const member = this.isSealed(track) ? this.requireSealer().seal(messageId) : messageId;
    await this.store.commit({
      plan: () => ({
        writes: [{ op: 'sadd', key: this.keyOf(track), members: [member] }],
        result: null,
      }),
    });
  }

  /** The copies delivered so far, sorted. */
  async copies(track: string): Promise<string[]> {
    const members = await this.store.smembers(this.keyOf(track));
    if (!this.isSealed(track)) return members.sort();
    const sealer = this.requireSealer();
    return [
      ...new Set(members.map((m) => sealer.unseal(m)).filter((m): m is string => m !== undefined)),
    ].sort();
  }

  private isSealed(track: string): boolean {
    return track.startsWith(SEALED_TRACK);
  }

  private keyOf(track: string): string {
    return this.keys.sent(
      this.isSealed(track) ? `${SEALED_TRACK}${this.requireSealer().pseudonym(track)}` : track,
    );
  }

  private requireSealer(): Sealer {
    if (!this.sealer) throw new Error('sent-cards: a sealed track needs the sealer');
    return this.sealer;
  }
}
