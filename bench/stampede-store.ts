import { keySpace } from '../src/store/keys.ts';
import { RedisStore } from '../src/store/redis-store.ts';
import { percentile } from './drive.ts';
import { OwnRedis } from './processes.ts';
import { checkSeats } from './seat-check.ts';

/** The store step alone: one `seats.join` per student on a fresh Redis. */
export interface SeatJoinRun {
  /** How the joins were issued: all in one tick, or evenly over `spreadMs`. */
  mode: 'burst' | 'paced';
  joins: number;
  spreadMs: number;
  /** From the first join issued to the last answered (ms). */
  totalMs: number;
  joinsPerSecond: number;
  latencyMs: { p50: number; p95: number; p99: number; max: number };
  /** Redis's own CPU time per join (the seats script, `INFO commandstats`), in µs. */
  redisUsPerJoin: number;
  seated: number;
  waiting: number;
  /** Answers that said "seated" (must equal the capacity). */
  seatedAnswers: number;
  problems: string[];
}

const PREFIX = 'bench:';

/**
 * `RedisSeatLists.join` through `RedisStore.connect` (auto-pipelining on, as the bot runs
 * it) for `students` distinct members on one list of `capacity` seats with a waiting line,
 * then the list read back from Redis and its invariants checked. Tells whether the store
 * step fits in the stampede's budget before any handler runs on top of it.
 */
export async function seatJoins(opts: {
  students: number;
  capacity: number;
  mode: 'burst' | 'paced';
  spreadMs?: number;
}): Promise<SeatJoinRun> {
  const redis = await OwnRedis.start();
  const store = await RedisStore.connect(redis.url, PREFIX);
  const admin = redis.client();
  try {
    const list = keySpace(PREFIX).activitySeats('A1');
    const members = Array.from({ length: opts.students }, (_, i) => `ou_store_${String(i).padStart(5, '0')}`);
    // Warm up: the script loaded, the connection open (not measured).
    await store.seats.join(`${PREFIX}warmup`, 'ou_warm', { capacity: 1, waitlist: true });
    const before = await scriptUsec(admin);
    const spreadMs = opts.mode === 'burst' ? 0 : (opts.spreadMs ?? 1000);
    const latencies: number[] = [];
    let seatedAnswers = 0;
    const t0 = performance.now();
    const one = async (member: string, due: number) => {
      const r = await store.seats.join(list, member, { capacity: opts.capacity, waitlist: true });
      latencies.push(performance.now() - due);
      if (r.state === 'seated') seatedAnswers += 1;
    };
    const pending: Promise<void>[] = [];
    if (opts.mode === 'burst') {
      for (const m of members) pending.push(one(m, t0));
    } else {
      let sent = 0;
      while (sent < members.length) {
        const elapsed = performance.now() - t0;
        const due = Math.min(members.length, Math.floor((elapsed / spreadMs) * members.length) + 1);
        while (sent < due) {
          pending.push(one(members[sent] as string, t0 + (sent / members.length) * spreadMs));
          sent += 1;
        }
        await new Promise((r) => setTimeout(r, 1));
      }
    }
    await Promise.all(pending);
    const totalMs = performance.now() - t0;
    const after = await scriptUsec(admin);
    const check = await checkSeats(admin, list, members, opts.capacity);
    if (seatedAnswers !== opts.capacity)
      check.problems.push(`${seatedAnswers} answers said seated, expected ${opts.capacity}`);
    return {
      mode: opts.mode,
      joins: members.length,
      spreadMs,
      totalMs,
      joinsPerSecond: members.length / (totalMs / 1000),
      latencyMs: {
        p50: percentile(latencies, 50),
        p95: percentile(latencies, 95),
        p99: percentile(latencies, 99),
        max: Math.max(...latencies),
      },
      redisUsPerJoin: (after - before) / members.length,
      seated: check.seated,
      waiting: check.waiting,
      seatedAnswers,
      problems: check.problems,
    };
  } finally {
    admin.disconnect();
    await store.close();
    await redis.dispose();
  }
}

/** Total µs Redis spent in scripts (EVALSHA/EVAL) so far. */
async function scriptUsec(admin: ReturnType<OwnRedis['client']>): Promise<number> {
  const info = await admin.info('commandstats');
  let usec = 0;
  for (const m of info.matchAll(/cmdstat_(evalsha|eval):calls=\d+,usec=(\d+)/g)) usec += Number(m[2]);
  return usec;
}
