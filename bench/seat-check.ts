import type { Redis } from 'ioredis';

/** What a stampede left in a seat list, and everything wrong with it (empty: all invariants hold). */
export interface SeatCheck {
  seated: number;
  waiting: number;
  offers: number;
  problems: string[];
}

/**
 * Reads a seat list straight from Redis (`<list>:seated` and `<list>:waiting` zsets, the
 * `<list>:offers` hash) and checks a stampede's invariants: exactly `capacity` seated, everyone
 * else waiting, each of `members` exactly once, seat and waiting scores 1..n without gaps or
 * repeats, nobody offered anything (nobody left).
 */
export async function checkSeats(
  redis: Redis,
  list: string,
  members: readonly string[],
  capacity: number,
): Promise<SeatCheck> {
  const [seated, waiting, offers] = await Promise.all([
    redis.zrange(`${list}:seated`, '0', '-1', 'WITHSCORES'),
    redis.zrange(`${list}:waiting`, '0', '-1', 'WITHSCORES'),
    redis.hlen(`${list}:offers`),
  ]);
  const problems: string[] = [];
  const seatedMembers = pairs(seated);
  const waitingMembers = pairs(waiting);
  const expectSeated = Math.min(capacity, members.length);
  const expectWaiting = members.length - expectSeated;
  if (seatedMembers.length !== expectSeated)
    problems.push(`${seatedMembers.length} seated, expected ${expectSeated}`);
  if (waitingMembers.length !== expectWaiting)
    problems.push(`${waitingMembers.length} waiting, expected ${expectWaiting}`);
  if (offers !== 0) problems.push(`${offers} offers, expected none`);
  problems.push(...consecutive('seat', seatedMembers), ...consecutive('waiting', waitingMembers));

  const expected = new Set(members);
  const seen = new Set<string>();
  for (const [member] of [...seatedMembers, ...waitingMembers]) {
    if (seen.has(member)) problems.push(`${member} is both seated and waiting`);
    if (!expected.has(member)) problems.push(`${member} was never a clicker`);
    seen.add(member);
  }
  const missing = members.filter((m) => !seen.has(m)).length;
  if (missing > 0) problems.push(`${missing} clickers are in neither list`);
  return {
    seated: seatedMembers.length,
    waiting: waitingMembers.length,
    offers,
    problems: problems.slice(0, 10),
  };
}

/** Where each member stands (1-based rank in its zset), to compare with what the bot answered. */
export async function ranks(
  redis: Redis,
  list: string,
): Promise<Map<string, { seated: boolean; position: number }>> {
  const [seated, waiting] = await Promise.all([
    redis.zrange(`${list}:seated`, '0', '-1'),
    redis.zrange(`${list}:waiting`, '0', '-1'),
  ]);
  const out = new Map<string, { seated: boolean; position: number }>();
  for (const [i, m] of seated.entries()) out.set(m, { seated: true, position: i + 1 });
  for (const [i, m] of waiting.entries()) out.set(m, { seated: false, position: i + 1 });
  return out;
}

function pairs(flat: string[]): [string, number][] {
  const out: [string, number][] = [];
  for (let i = 0; i + 1 < flat.length; i += 2) out.push([flat[i] as string, Number(flat[i + 1])]);
  return out;
}

/** Scores (taken in order from an atomic counter) must be exactly 1..n. */
function consecutive(what: string, entries: [string, number][]): string[] {
  for (const [i, [member, score]] of entries.entries()) {
    if (score !== i + 1)
      return [`${what} scores not 1..${entries.length}: ${member} has ${score} at rank ${i + 1}`];
  }
  return [];
}
