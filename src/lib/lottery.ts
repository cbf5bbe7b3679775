import { createHash } from 'node:crypto';

/**
 * The lottery: the entrants sorted, shuffled by a generator seeded with `seed` (SHA-256 in
 * counter mode, Fisher–Yates). The same seed and entrants always give the same order:
 * the first `capacity` win, the rest wait in that order.
 */
export function draw(
  entrants: readonly string[],
  seed: string,
  capacity: number,
): { winners: string[]; waiting: string[]; order: string[] } {
  const order = [...entrants].sort();
  let counter = 0;
  const random = (below: number): number => {
    const h = createHash('sha256').update(`${seed}:${counter++}`).digest();
    return h.readUInt32BE(0) % below;
  };
  for (let i = order.length - 1; i > 0; i--) {
    const j = random(i + 1);
    [order[i], order[j]] = [order[j] as string, order[i] as string];
  }
  return { winners: order.slice(0, capacity), waiting: order.slice(capacity), order };
}
