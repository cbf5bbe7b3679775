import { hostname } from 'node:os';
import { Redis } from 'ioredis';
import type { Logger } from '../lib/logger.ts';
import { type KeySpace, keySpace } from './keys.ts';
import { RedisSeatLists } from './redis-seats.ts';
import {
  type ApplyResult,
  type CommitUnit,
  commitTransaction,
  HEARTBEAT_TTL_MS,
  type Presence,
  type QueueEntry,
  type Store,
  type StreamQueue,
  type Transaction,
  type TxSnapshot,
  type WriteOp,
} from './store.ts';

/**
 * Compare-and-apply: checks that every key the plan was computed from still holds
 * what was read, then applies the writes, the outbox entries and the journal marker.
 * One script run is atomic in Redis, so no other client can interleave.
 * Returns {1, result} when the journal says it was done already, {0} on conflict,
 * {2} when applied.
 *
 * A watched set is compared by size and membership, not by joining sorted members:
 * Lua sorts with strcoll (Redis sets LC_COLLATE from its environment, so the order
 * need not match JavaScript's), and a joined string cannot tell {"a\nb"} from {"a","b"}.
 *
 * Redis does not roll a script back when a command fails halfway, so the types of the
 * written keys are checked before the first write: a bad commit changes nothing.
 */
const COMMIT_SCRIPT = `
local spec = cjson.decode(ARGV[1])
local function ack()
  if spec.ack then
    redis.call('XACK', spec.ack.key, spec.ack.group, spec.ack.id)
    redis.call('XDEL', spec.ack.key, spec.ack.id)
  end
end
if spec.journal then
  local done = redis.call('GET', spec.journal.key)
  if done then ack() return {1, done} end
end
for _, c in ipairs(spec.checks) do
  if c.t == 's' then
    local cur = redis.call('GET', c.k)
    if c.n then
      if cur ~= false then return {0} end
    elseif cur ~= c.v then return {0} end
  else
    if redis.call('SCARD', c.k) ~= #c.m then return {0} end
    for _, x in ipairs(c.m) do
      if redis.call('SISMEMBER', c.k, x) == 0 then return {0} end
    end
  end
end
local need = {sadd = 'set', srem = 'set', zadd = 'zset', zrem = 'zset', hset = 'hash'}
local kinds = {}
for _, w in ipairs(spec.writes) do
  local kind = kinds[w.key]
  if kind == nil then kind = redis.call('TYPE', w.key).ok end
  local want = need[w.op]
  if want and kind ~= 'none' and kind ~= '*' and kind ~= want then
    return redis.error_reply('WRONGTYPE commit: ' .. w.op .. ' on ' .. w.key .. ', which holds a ' .. kind)
  end
  if w.op == 'set' then kinds[w.key] = 'string'
  elseif w.op == 'del' then kinds[w.key] = 'none'
  elseif w.op == 'srem' or w.op == 'zrem' then kinds[w.key] = '*'
  else kinds[w.key] = want end
end
for _, w in ipairs(spec.writes) do
  if w.op == 'set' then
    if w.ttlMs then redis.call('SET', w.key, w.value, 'PX', w.ttlMs) else redis.call('SET', w.key, w.value) end
  elseif w.op == 'del' then redis.call('DEL', w.key)
  elseif w.op == 'sadd' then redis.call('SADD', w.key, unpack(w.members))
  elseif w.op == 'srem' then redis.call('SREM', w.key, unpack(w.members))
  elseif w.op == 'zadd' then redis.call('ZADD', w.key, w.score, w.member)
  elseif w.op == 'zrem' then redis.call('ZREM', w.key, w.member)
  elseif w.op == 'hset' then redis.call('HSET', w.key, w.field, w.value)
  end
end
for i = 3, #ARGV do redis.call('XADD', KEYS[1], '*', 'd', ARGV[i]) end
if spec.journal then redis.call('SET', spec.journal.key, ARGV[2], 'PX', spec.journal.ttlMs) end
ack()
return {2}
`;

/** XACK and XDEL in one step: acked entries are removed, to keep the stream small. */
const ACK_SCRIPT = `
redis.call('XACK', KEYS[1], ARGV[1], ARGV[2])
redis.call('XDEL', KEYS[1], ARGV[2])
return 1
`;

/** SET NX the dedupe key and append to the inbox, or do neither. */
const RECORD_INBOUND_SCRIPT = `
if redis.call('SET', KEYS[1], '1', 'NX', 'PX', ARGV[1]) then
  redis.call('XADD', KEYS[2], '*', 'd', ARGV[2])
  return 1
end
return 0
`;

/** HINCRBY, and start a ttl if the hash has none (PEXPIRE NX), in one step: a failed increment touches nothing. */
const HINCRBY_TTL_SCRIPT = `
local n = redis.call('HINCRBY', KEYS[1], ARGV[1], ARGV[2])
if redis.call('PTTL', KEYS[1]) == -1 then redis.call('PEXPIRE', KEYS[1], ARGV[3]) end
return n
`;

/** Redis wants a positive whole number of milliseconds; round a fraction up, reject the rest. */
function ttlArg(ttlMs: number): number {
  if (!(Number.isFinite(ttlMs) && ttlMs > 0)) throw new RangeError(`store: invalid ttlMs ${ttlMs}`);
  return Math.ceil(ttlMs);
}

/** A score as ZADD reads it (JSON has no Infinity; NaN is no score at all). */
function scoreArg(score: number): string {
  if (Number.isNaN(score)) throw new RangeError('store: zadd score is NaN');
  return score === Number.POSITIVE_INFINITY
    ? '+inf'
    : score === Number.NEGATIVE_INFINITY
      ? '-inf'
      : String(score);
}

/** A write as the commit script reads it, checked here so that a bad one fails before anything is written. */
function luaWrite(w: WriteOp): Record<string, unknown> {
  switch (w.op) {
    case 'set':
      return w.ttlMs === undefined
        ? { op: w.op, key: w.key, value: w.value }
        : { op: w.op, key: w.key, value: w.value, ttlMs: ttlArg(w.ttlMs) };
    case 'zadd':
      return { op: w.op, key: w.key, score: scoreArg(w.score), member: w.member };
    default:
      return w;
  }
}

/** The production adapter (ioredis). Keys are listed in `keys.ts`. */
export class RedisStore implements Store {
  readonly kind = 'redis' as const;
  readonly inbox: RedisQueue;
  readonly outbox: RedisQueue;
  private readonly keys: KeySpace;
  /**
   * The acknowledgement path's own connection: an event's ack (dedupe + inbox) never
   * waits in the socket behind handlers' commits and the outbox's traffic.
   */
  private readonly acks: Redis;

  readonly presence: RedisPresence;
  readonly seats: RedisSeatLists;

  constructor(
    private readonly redis: Redis,
    prefix: string,
    log?: Logger,
  ) {
    this.keys = keySpace(prefix);
    redis.defineCommand('subCommit', { numberOfKeys: 1, lua: COMMIT_SCRIPT });
    redis.defineCommand('subHincrbyTtl', { numberOfKeys: 1, lua: HINCRBY_TTL_SCRIPT });
    redis.defineCommand('subAck', { numberOfKeys: 1, lua: ACK_SCRIPT });
    this.acks = redis.duplicate();
    this.acks.on('error', () => {});
    this.acks.defineCommand('subRecordInbound', { numberOfKeys: 2, lua: RECORD_INBOUND_SCRIPT });
    const onError = log ? outageLogger(log) : undefined;
    if (onError) {
      onError.watch(redis, 'main');
      onError.watch(this.acks, 'acks');
    }
    this.inbox = new RedisQueue(redis, this.keys.inbox, INBOX_GROUP, this.keys.inboxDead, onError);
    this.outbox = new RedisQueue(redis, this.keys.outbox, OUTBOX_GROUP, this.keys.outboxDead, onError);
    this.presence = new RedisPresence(redis, (name) => this.keys.consumer(name));
    this.seats = new RedisSeatLists(redis);
  }

  /**
   * Connects (failing fast when Redis is down) and prepares the consumer groups. While
   * connected, ioredis reconnects by itself; an outage is logged once, not per retry.
   */
  static async connect(url: string, prefix: string, log?: Logger): Promise<RedisStore> {
    // Auto-pipelining: commands issued in the same tick (many events at once) go out in one write.
    const redis = new Redis(url, {
      lazyConnect: true,
      maxRetriesPerRequest: 2,
      enableOfflineQueue: true,
      enableAutoPipelining: process.env.NO_AUTOPIPE !== '1',
    });
    // A listener before connecting: without one ioredis prints "Unhandled error event".
    redis.on('error', () => {});
    await redis.connect();
    const store = new RedisStore(redis, prefix, log);
    await Promise.all([store.inbox.init(), store.outbox.init()]);
    return store;
  }

  async ping(): Promise<void> {
    await this.redis.ping();
  }

  get(key: string): Promise<string | null> {
    return this.redis.get(key);
  }

  async mget(keys: readonly string[]): Promise<(string | null)[]> {
    return keys.length === 0 ? [] : this.redis.mget(...keys);
  }

  smembers(key: string): Promise<string[]> {
    return this.redis.smembers(key);
  }

  zrangeByScore(key: string, min: number, max: number, limit?: number): Promise<string[]> {
    return limit === undefined
      ? this.redis.zrangebyscore(key, min, max)
      : this.redis.zrangebyscore(key, min, max, 'LIMIT', 0, limit);
  }

  hgetall(key: string): Promise<Record<string, string>> {
    return this.redis.hgetall(key);
  }

  async setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean> {
    return (await this.redis.set(key, value, 'PX', ttlArg(ttlMs), 'NX')) === 'OK';
  }

  async hincrby(key: string, field: string, by: number, ttlMs?: number): Promise<number> {
    if (ttlMs === undefined) return this.redis.hincrby(key, field, by);
    // Not MULTI: its errors come back per command (and were lost), and PEXPIRE would
    // still run on a key HINCRBY refused.
    return (
      this.redis as unknown as {
        subHincrbyTtl(k: string, f: string, by: number, ttl: number): Promise<number>;
      }
    ).subHincrbyTtl(key, field, by, ttlArg(ttlMs));
  }

  async read(values: readonly string[], sets: readonly string[]): Promise<TxSnapshot> {
    const got = new Map<string, string | null>();
    const members = new Map<string, readonly string[]>();
    if (values.length === 0 && sets.length === 0) return { values: got, sets: members };
    // One round trip either way: a lone MGET, or MGET and the SMEMBERS in a pipeline.
    const read = this.redis.pipeline();
    if (values.length > 0) read.mget(...values);
    for (const k of sets) read.smembers(k);
    const replies = ((await read.exec()) ?? []).map(([err, value]) => {
      if (err) throw err;
      return value;
    });
    if (values.length > 0) {
      const strings = replies.shift() as (string | null)[];
      for (const [i, k] of values.entries()) got.set(k, strings[i] ?? null);
    }
    for (const k of sets) members.set(k, replies.shift() as string[]);
    return { values: got, sets: members };
  }

  async apply(unit: CommitUnit): Promise<ApplyResult> {
    const spec = {
      journal: unit.journal && { key: unit.journal.key, ttlMs: ttlArg(unit.journal.ttlMs) },
      checks: [
        ...[...unit.checks.values].map(([k, v]) => (v === null ? { t: 's', k, n: true } : { t: 's', k, v })),
        ...[...unit.checks.sets].map(([k, m]) => ({ t: 'set', k, m })),
      ],
      writes: unit.writes.filter((w) => !('members' in w) || w.members.length > 0).map(luaWrite),
      ...(unit.ackInbox ? { ack: { key: this.keys.inbox, group: INBOX_GROUP, id: unit.ackInbox } } : {}),
    };
    // The journal's result and the messages travel as arguments of their own: the script
    // stores them as they are, and Redis's single thread never JSON-decodes a card.
    const [state, stored] = (await (
      this.redis as unknown as { subCommit(k: string, ...a: string[]): Promise<[number, string?]> }
    ).subCommit(
      this.keys.outbox,
      jsonForLua(spec),
      unit.journal?.result ?? '',
      ...unit.outbox.map((m) => JSON.stringify(m)),
    )) as [number, string?];
    if (state === 2) return { state: 'applied' };
    if (state === 1) return { state: 'done', result: stored ?? 'null' };
    return { state: 'conflict' };
  }

  commit<T>(tx: Transaction<T>): Promise<T> {
    return commitTransaction(this, tx);
  }

  async recordInbound(dedupeId: string, ttlMs: number, entry: string): Promise<'recorded' | 'duplicate'> {
    const r = await (
      this.acks as unknown as {
        subRecordInbound(k1: string, k2: string, ttl: number, d: string): Promise<number>;
      }
    ).subRecordInbound(this.keys.seen(dedupeId), this.keys.inbox, ttlArg(ttlMs), entry);
    return r === 1 ? 'recorded' : 'duplicate';
  }

  /** Lets commands in flight finish (QUIT), then closes. */
  async close(): Promise<void> {
    await Promise.all([this.inbox.close(), this.outbox.close()]);
    for (const conn of [this.acks, this.redis]) {
      try {
        await conn.quit();
      } catch {
        conn.disconnect();
      }
    }
  }
}

/** cjson decodes an empty JSON array as an (empty) table: ipairs and # still see no elements, so this is safe. */
function jsonForLua(spec: unknown): string {
  return JSON.stringify(spec);
}

const INBOX_GROUP = 'bot';
const OUTBOX_GROUP = 'sender';

/** Logs a Redis outage once when it starts and once when it ends, whatever the retries. */
function outageLogger(log: Logger) {
  let down = false;
  return {
    watch(conn: Redis, name: string) {
      conn.on('error', (err: Error) => {
        if (down) return;
        down = true;
        log.error({ err: err.message, conn: name }, 'redis: unreachable; retrying until it is back');
      });
      conn.on('ready', () => {
        if (!down) return;
        down = false;
        log.info({ conn: name }, 'redis: reachable again');
      });
    },
  };
}

/** Whether an error is Redis saying the stream or its consumer group is missing (restarted empty, failed over). */
function isNoGroup(err: unknown): boolean {
  return /NOGROUP|no such key/i.test(String(err));
}

/**
 * A Redis Stream with one consumer group. Acked entries are deleted to keep the stream
 * small. When the stream or its group is gone (Redis restarted without persistence, or
 * a failover to a replica without it), they are created again and work goes on.
 */
export class RedisQueue implements StreamQueue {
  private blocking: Redis | undefined;
  private closed = false;

  constructor(
    private readonly redis: Redis,
    private readonly key: string,
    private readonly group: string,
    private readonly deadKey: string,
    private readonly outage?: { watch(conn: Redis, name: string): void },
  ) {}

  async init(): Promise<void> {
    try {
      await this.redis.xgroup('CREATE', this.key, this.group, '0', 'MKSTREAM');
    } catch (err) {
      if (!String(err).includes('BUSYGROUP')) throw err;
    }
  }

  /** Runs a stream command; on NOGROUP, creates the stream and group again and runs it once more. */
  private async healing<T>(op: () => Promise<T>): Promise<T> {
    try {
      return await op();
    } catch (err) {
      if (!isNoGroup(err) || this.closed) throw err;
      await this.init();
      return op();
    }
  }

  async add(data: string): Promise<string> {
    return (await this.redis.xadd(this.key, '*', 'd', data)) as string;
  }

  async read(consumer: string, count: number, blockMs: number): Promise<QueueEntry[]> {
    // A blocking read holds its connection, so it gets one of its own.
    if (blockMs > 0 && !this.blocking) {
      this.blocking = this.redis.duplicate();
      this.blocking.on('error', () => {});
      this.outage?.watch(this.blocking, this.key);
    }
    const conn = blockMs > 0 && this.blocking ? this.blocking : this.redis;
    const args: (string | number)[] = ['GROUP', this.group, consumer, 'COUNT', count];
    if (blockMs > 0) args.push('BLOCK', blockMs);
    args.push('STREAMS', this.key, '>');
    let reply: unknown;
    try {
      reply = await this.healing(() => conn.call('XREADGROUP', ...args));
    } catch (err) {
      // close() cuts a blocked read off; like the memory queue, it ends with nothing.
      if (this.closed) return [];
      throw err;
    }
    const rows = streamEntries(reply, this.key);
    return rows.map(([id, fields]) => ({ id, data: field(fields), deliveries: 1 }));
  }

  async claimStale(consumer: string, minIdleMs: number, count: number): Promise<QueueEntry[]> {
    const [, rows] = (await this.healing(() =>
      this.redis.call('XAUTOCLAIM', this.key, this.group, consumer, minIdleMs, '0-0', 'COUNT', count),
    )) as [string, [string, string[] | null][]];
    const out: QueueEntry[] = [];
    for (const [id, fields] of rows) {
      if (!fields) continue;
      const info = (await this.redis.xpending(this.key, this.group, id, id, 1)) as [
        string,
        string,
        number,
        number,
      ][];
      out.push({ id, data: field(fields), deliveries: Number(info[0]?.[3] ?? 1) });
    }
    return out;
  }

  async takeOver(
    consumer: string,
    alive: (names: readonly string[]) => Promise<ReadonlySet<string>>,
    count: number,
    ownIdleMs?: number,
  ): Promise<QueueEntry[]> {
    const summary = (await this.healing(() => this.redis.call('XPENDING', this.key, this.group))) as [
      number,
      string | null,
      string | null,
      [string, string][] | null,
    ];
    const holders = (summary[3] ?? []).map(([name]) => name).filter((n) => n !== consumer);
    const living = holders.length > 0 ? await alive(holders) : new Set<string>();
    const from = [...(ownIdleMs !== undefined ? [consumer] : []), ...holders.filter((n) => !living.has(n))];
    const out: QueueEntry[] = [];
    for (const name of from) {
      if (out.length >= count) break;
      const rows = (await this.redis.call(
        'XPENDING',
        this.key,
        this.group,
        '-',
        '+',
        count - out.length,
        name,
      )) as [string, string, number, number][];
      if (rows.length === 0) continue;
      const deliveries = new Map(rows.map(([id, , , n]) => [id, Number(n)]));
      // Another live process may race for the same dead consumer: an entry it claimed
      // a moment ago is no longer idle, and is left to it.
      const claimed = (await this.redis.call(
        'XCLAIM',
        this.key,
        this.group,
        consumer,
        name === consumer ? (ownIdleMs ?? 0) : TAKEOVER_MIN_IDLE_MS,
        ...rows.map(([id]) => id),
      )) as [string, string[] | null][];
      for (const [id, fields] of claimed) {
        if (!fields) continue;
        out.push({ id, data: field(fields), deliveries: (deliveries.get(id) ?? 0) + 1 });
      }
    }
    return out;
  }

  async ack(id: string): Promise<void> {
    await (this.redis as unknown as { subAck(k: string, g: string, id: string): Promise<number> }).subAck(
      this.key,
      this.group,
      id,
    );
  }

  async deadLetter(entry: QueueEntry, reason: string): Promise<void> {
    await this.redis
      .multi()
      .lpush(this.deadKey, JSON.stringify({ data: entry.data, reason, at: Date.now() }))
      .ltrim(this.deadKey, 0, 999)
      .xack(this.key, this.group, entry.id)
      .xdel(this.key, entry.id)
      .exec();
  }

  async deadLetters(limit = 100): Promise<{ data: string; reason: string; at: number }[]> {
    const rows = await this.redis.lrange(this.deadKey, 0, limit - 1);
    return rows.map((r) => JSON.parse(r) as { data: string; reason: string; at: number });
  }

  backlog(): Promise<number> {
    return this.redis.xlen(this.key);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.blocking?.disconnect();
  }
}

/** A dead consumer's entry idle less than this was just claimed by another process. */
const TAKEOVER_MIN_IDLE_MS = 1000;

/** What a heartbeat key holds: who holds the name (`started`: when that process started, ms). */
interface Holder {
  host: string;
  pid: number;
  started: number;
}

/** This process, as its heartbeats name it. */
const THIS_PROCESS: Holder = {
  host: hostname(),
  pid: process.pid,
  started: Math.round(Date.now() - process.uptime() * 1000),
};

/** Consumer names and heartbeats (`consumer:<name>`, a key with a ttl per live process). */
export class RedisPresence implements Presence {
  private readonly me = THIS_PROCESS;

  constructor(
    private readonly redis: Redis,
    private readonly key: (name: string) => string,
  ) {}

  async register(base: string): Promise<string> {
    const value = JSON.stringify(this.me);
    for (let n = 1; n <= 100; n++) {
      const name = `${base}#${n}`;
      if ((await this.redis.set(this.key(name), value, 'PX', HEARTBEAT_TTL_MS, 'NX')) === 'OK') return name;
      const held = safeHolder(await this.redis.get(this.key(name)));
      // Our own predecessor on this host (killed, then restarted): its name is ours again.
      // (The same pid can be a predecessor too: in a restarted container node is pid 1 again.)
      const predecessor =
        held?.host === this.me.host &&
        (held.pid === this.me.pid ? held.started !== this.me.started : !pidAlive(held.pid));
      if (predecessor) {
        await this.redis.set(this.key(name), value, 'PX', HEARTBEAT_TTL_MS);
        return name;
      }
    }
    throw new Error(`presence: no free consumer name for ${base}`);
  }

  async beat(name: string): Promise<void> {
    // Set, not just extended: after a Redis restart the key is gone and must come back.
    await this.redis.set(this.key(name), JSON.stringify(this.me), 'PX', HEARTBEAT_TTL_MS);
  }

  async alive(names: readonly string[]): Promise<Set<string>> {
    if (names.length === 0) return new Set();
    const values = await this.redis.mget(...names.map((n) => this.key(n)));
    return new Set(names.filter((_, i) => values[i] !== null));
  }

  async leave(name: string): Promise<void> {
    await this.redis.del(this.key(name));
  }
}

function safeHolder(raw: string | null): Holder | undefined {
  if (!raw) return undefined;
  try {
    return JSON.parse(raw) as Holder;
  } catch {
    return undefined;
  }
}

/** Whether a process with this pid runs on this host. */
function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

type StreamRow = [id: string, fields: string[]];

/**
 * The entries of one stream in an XREADGROUP reply. Its shape depends on the protocol:
 * RESP2 (and ioredis's typed method) give `[[key, rows], ...]`; RESP3 replies are a map,
 * which ioredis 6 (RESP3 by default) hands to `call` as a flat `[key, rows, ...]` array,
 * or as an object `{ key: rows }` with `replyMapping: 'resp3'`. Null when nothing came.
 */
function streamEntries(reply: unknown, key: string): StreamRow[] {
  if (reply === null || reply === undefined) return [];
  if (!Array.isArray(reply)) return ((reply as Record<string, StreamRow[] | null>)[key] ?? []) as StreamRow[];
  if (typeof reply[0] === 'string') {
    for (let i = 0; i + 1 < reply.length; i += 2)
      if (reply[i] === key) return (reply[i + 1] ?? []) as StreamRow[];
    return [];
  }
  const pair = (reply as [string, StreamRow[] | null][]).find(([k]) => k === key);
  return pair?.[1] ?? [];
}

function field(fields: string[]): string {
  const i = fields.indexOf('d');
  return i >= 0 ? (fields[i + 1] ?? '') : '';
}
