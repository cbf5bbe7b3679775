import type { Redis } from 'ioredis';
import type { SeatLists, SeatStanding } from './store.ts';

/**
 * One Lua script for every seat-list step, so each is atomic on Redis. KEYS: seated
 * (zset, score = seat order), waiting (zset, score = line order), offers (hash: member →
 * until, ms), n (hash: the two counters). Replies are flat arrays: state, then numbers.
 */
const SEATS_SCRIPT = `
local seated, waiting, offers, n = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local op = ARGV[1]

local function where(m)
  local r = redis.call('ZRANK', seated, m)
  if r then return {'seated', r + 1, redis.call('ZCARD', seated)} end
  local u = redis.call('HGET', offers, m)
  if u then return {'offered', tonumber(u)} end
  r = redis.call('ZRANK', waiting, m)
  if r then return {'waiting', r + 1} end
  return {'none'}
end

local function fill(capacity, untilMs)
  local offered = {}
  while redis.call('ZCARD', seated) + redis.call('HLEN', offers) < capacity do
    local first = redis.call('ZRANGE', waiting, 0, 0)[1]
    if not first then break end
    redis.call('ZREM', waiting, first)
    redis.call('HSET', offers, first, untilMs)
    offered[#offered + 1] = first
  end
  return offered
end

if op == 'join' then
  local m, capacity, waitlist, pool = ARGV[2], tonumber(ARGV[3]), ARGV[4] == '1', ARGV[5] == '1'
  local now = where(m)
  if now[1] ~= 'none' then return now end
  if (not pool) and redis.call('ZCARD', seated) + redis.call('HLEN', offers) < capacity
     and redis.call('ZCARD', waiting) == 0 then
    redis.call('ZADD', seated, redis.call('HINCRBY', n, 'seat', 1), m)
    local c = redis.call('ZCARD', seated)
    return {'seated', c, c}
  end
  if not (waitlist or pool) then return {'full'} end
  redis.call('ZADD', waiting, redis.call('HINCRBY', n, 'wait', 1), m)
  return {'waiting', redis.call('ZCARD', waiting)}
elseif op == 'leave' then
  local m, capacity, untilMs = ARGV[2], tonumber(ARGV[3]), ARGV[4]
  local was = where(m)[1]
  redis.call('ZREM', seated, m)
  redis.call('ZREM', waiting, m)
  redis.call('HDEL', offers, m)
  if was == 'seated' or was == 'offered' then
    local offered = fill(capacity, untilMs)
    if offered[1] then return {was, offered[1]} end
  end
  return {was}
elseif op == 'accept' then
  local m, now = ARGV[2], tonumber(ARGV[3])
  local u = redis.call('HGET', offers, m)
  if u and tonumber(u) >= now then
    redis.call('HDEL', offers, m)
    redis.call('ZADD', seated, redis.call('HINCRBY', n, 'seat', 1), m)
  end
  return where(m)
elseif op == 'expire' then
  local capacity, now, untilMs = tonumber(ARGV[2]), tonumber(ARGV[3]), ARGV[4]
  local expired = {}
  local all = redis.call('HGETALL', offers)
  for i = 1, #all, 2 do
    if tonumber(all[i + 1]) < now then
      redis.call('HDEL', offers, all[i])
      expired[#expired + 1] = all[i]
    end
  end
  return {expired, fill(capacity, untilMs)}
elseif op == 'arrange' then
  local count = tonumber(ARGV[2])
  redis.call('DEL', seated, waiting, offers)
  for i = 1, count do redis.call('ZADD', seated, redis.call('HINCRBY', n, 'seat', 1), ARGV[2 + i]) end
  for i = 3 + count, #ARGV do redis.call('ZADD', waiting, redis.call('HINCRBY', n, 'wait', 1), ARGV[i]) end
  return 1
elseif op == 'standing' then
  return where(ARGV[2])
end
return redis.error_reply('seats: unknown op ' .. op)
`;

type Reply = [string, ...(number | string)[]];

function standing(r: Reply): SeatStanding {
  if (r[0] === 'seated') return { state: 'seated', position: Number(r[1]), seated: Number(r[2]) };
  if (r[0] === 'offered') return { state: 'offered', until: Number(r[1]) };
  if (r[0] === 'waiting') return { state: 'waiting', position: Number(r[1]) };
  return { state: 'none' };
}

type SeatsCommand = (
  k1: string,
  k2: string,
  k3: string,
  k4: string,
  ...args: (string | number)[]
) => Promise<unknown>;

export class RedisSeatLists implements SeatLists {
  constructor(private readonly redis: Redis) {
    redis.defineCommand('subSeats', { numberOfKeys: 4, lua: SEATS_SCRIPT });
  }

  private run(list: string, ...args: (string | number)[]): Promise<unknown> {
    const cmd = (this.redis as unknown as { subSeats: SeatsCommand }).subSeats.bind(this.redis);
    return cmd(`${list}:seated`, `${list}:waiting`, `${list}:offers`, `${list}:n`, ...args);
  }

  async join(list: string, member: string, o: { capacity: number; waitlist: boolean; pool?: boolean }) {
    const r = (await this.run(list, 'join', member, o.capacity, o.waitlist ? 1 : 0, o.pool ? 1 : 0)) as Reply;
    return r[0] === 'full' ? { state: 'full' as const } : standing(r);
  }

  async leave(list: string, member: string, o: { capacity: number; offerUntil: number }) {
    const r = (await this.run(list, 'leave', member, o.capacity, o.offerUntil)) as Reply;
    const was = r[0] as SeatStanding['state'];
    return { was, ...(r[1] !== undefined ? { offered: String(r[1]) } : {}) };
  }

  async accept(list: string, member: string, now: number): Promise<SeatStanding> {
    return standing((await this.run(list, 'accept', member, now)) as Reply);
  }

  async expire(list: string, o: { capacity: number; now: number; offerUntil: number }) {
    const [expired, offered] = (await this.run(list, 'expire', o.capacity, o.now, o.offerUntil)) as [
      string[],
      string[],
    ];
    return { expired, offered };
  }

  async arrange(list: string, seated: readonly string[], waiting: readonly string[]): Promise<void> {
    await this.run(list, 'arrange', seated.length, ...seated, ...waiting);
  }

  async read(list: string) {
    const [seated, waiting, offers] = await Promise.all([
      this.redis.zrange(`${list}:seated`, '0', '-1'),
      this.redis.zrange(`${list}:waiting`, '0', '-1'),
      this.redis.hgetall(`${list}:offers`),
    ]);
    return {
      seated,
      waiting,
      offers: Object.fromEntries(Object.entries(offers).map(([k, v]) => [k, Number(v)])),
    };
  }

  async standing(list: string, member: string): Promise<SeatStanding> {
    return standing((await this.run(list, 'standing', member)) as Reply);
  }
}
