import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OutboxMessage } from '../../src/messages/outbox-message.ts';
import type { KeySpace } from '../../src/store/keys.ts';
import type { QueueEntry, Store, StreamQueue, TxSnapshot, WriteOp } from '../../src/store/store.ts';

export interface ContractFixture {
  store: Store;
  keys: KeySpace;
  cleanup: () => Promise<void>;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function textMessage(text: string): OutboxMessage {
  return {
    kind: 'send',
    v: 1,
    uuid: `uuid-${text}`,
    to: { type: 'chat_id', id: 'oc_contract' },
    msgType: 'text',
    content: JSON.stringify({ text }),
  };
}

/** Reads (and acks) everything currently in the outbox, parsed back into messages. */
async function drainOutbox(store: Store): Promise<OutboxMessage[]> {
  const entries = await store.outbox.read('c1', 1000, 0);
  for (const e of entries) await store.outbox.ack(e.id);
  return entries.map((e) => JSON.parse(e.data) as OutboxMessage);
}

/**
 * The storage port's contract: every adapter must pass this suite unchanged.
 * `make` creates a fresh, empty store (and a key space whose prefix isolates it);
 * `cleanup` removes whatever the test wrote and closes the store.
 */
export function storeContract(name: string, make: () => Promise<ContractFixture>): void {
  describe(`Store contract: ${name}`, () => {
    let store: Store;
    let keys: KeySpace;
    let cleanup: () => Promise<void>;
    /** A key inside the fixture's key space. */
    const k = (suffix: string) => `${keys.prefix}${suffix}`;

    beforeEach(async () => {
      ({ store, keys, cleanup } = await make());
    });

    afterEach(async () => {
      await cleanup();
    });

    describe('reads and expiry', () => {
      it('answers ping when reachable', async () => {
        await expect(store.ping()).resolves.toBeUndefined();
      });

      it('returns null for missing keys from get and mget, and empty results from the other reads', async () => {
        expect(await store.get(k('missing'))).toBeNull();
        expect(await store.mget([k('missing'), k('also-missing')])).toEqual([null, null]);
        expect(await store.mget([])).toEqual([]);
        expect(await store.smembers(k('missing-set'))).toEqual([]);
        expect(await store.zrangeByScore(k('missing-zset'), 0, 100)).toEqual([]);
        expect(await store.hgetall(k('missing-hash'))).toEqual({});
      });

      it('rejects reads of a key as the wrong type, except mget which reads it as null', async () => {
        await store.commit({
          plan: () => ({
            writes: [
              { op: 'set', key: k('str'), value: 'x' },
              { op: 'sadd', key: k('set'), members: ['m'] },
            ],
            result: null,
          }),
        });
        await expect(store.get(k('set'))).rejects.toThrow(/WRONGTYPE/);
        await expect(store.smembers(k('str'))).rejects.toThrow(/WRONGTYPE/);
        await expect(store.zrangeByScore(k('set'), 0, 1)).rejects.toThrow(/WRONGTYPE/);
        await expect(store.hgetall(k('set'))).rejects.toThrow(/WRONGTYPE/);
        await expect(store.commit({ watch: [k('set')], plan: () => ({ result: null }) })).rejects.toThrow(
          /WRONGTYPE/,
        );
        await expect(store.commit({ watchSets: [k('str')], plan: () => ({ result: null }) })).rejects.toThrow(
          /WRONGTYPE/,
        );
        expect(await store.mget([k('set'), k('str')])).toEqual([null, 'x']);
      });

      it('makes a committed set visible to get and mget, in key order', async () => {
        await store.commit({
          plan: () => ({
            writes: [
              { op: 'set', key: k('a'), value: 'alpha' },
              { op: 'set', key: k('b'), value: '{"json":true}' },
            ],
            result: null,
          }),
        });
        expect(await store.get(k('a'))).toBe('alpha');
        expect(await store.mget([k('b'), k('missing'), k('a')])).toEqual(['{"json":true}', null, 'alpha']);
      });

      it('expires a value set with ttlMs', async () => {
        await store.commit({
          plan: () => ({
            writes: [
              { op: 'set', key: k('short'), value: 'v', ttlMs: 50 },
              { op: 'set', key: k('long'), value: 'v' },
            ],
            result: null,
          }),
        });
        expect(await store.get(k('short'))).toBe('v');
        await sleep(120);
        expect(await store.get(k('short'))).toBeNull();
        expect(await store.mget([k('short'), k('long')])).toEqual([null, 'v']);
      });

      it('drops an earlier ttl when a key is set again without one', async () => {
        await store.commit({
          plan: () => ({ writes: [{ op: 'set', key: k('x'), value: 'first', ttlMs: 50 }], result: null }),
        });
        await store.commit({
          plan: () => ({ writes: [{ op: 'set', key: k('x'), value: 'second' }], result: null }),
        });
        await sleep(120);
        expect(await store.get(k('x'))).toBe('second');
      });
    });

    describe('commit', () => {
      it('passes the watched string values (null when missing) and set members to plan', async () => {
        await store.commit({
          plan: () => ({
            writes: [
              { op: 'set', key: k('present'), value: 'here' },
              { op: 'sadd', key: k('set'), members: ['x', 'y', 'z'] },
            ],
            result: null,
          }),
        });
        let seen: TxSnapshot | undefined;
        const result = await store.commit({
          watch: [k('present'), k('absent')],
          watchSets: [k('set'), k('empty-set')],
          plan: (snapshot) => {
            seen = snapshot;
            return { result: 'planned' };
          },
        });
        expect(result).toBe('planned');
        expect(seen).toBeDefined();
        expect(seen?.values.get(k('present'))).toBe('here');
        expect(seen?.values.has(k('absent'))).toBe(true);
        expect(seen?.values.get(k('absent'))).toBeNull();
        expect([...(seen?.sets.get(k('set')) ?? [])].sort()).toEqual(['x', 'y', 'z']);
        expect(seen?.sets.get(k('empty-set'))).toEqual([]);
      });

      it('applies set and del writes', async () => {
        await store.commit({
          plan: () => ({
            writes: [
              { op: 'set', key: k('keep'), value: '1' },
              { op: 'set', key: k('drop'), value: '2' },
            ],
            result: null,
          }),
        });
        await store.commit({
          plan: () => ({
            writes: [
              { op: 'del', key: k('drop') },
              { op: 'set', key: k('keep'), value: '3' },
            ],
            result: null,
          }),
        });
        expect(await store.mget([k('keep'), k('drop')])).toEqual(['3', null]);
      });

      it('applies sadd and srem writes, visible to smembers', async () => {
        await store.commit({
          plan: () => ({
            writes: [{ op: 'sadd', key: k('s'), members: ['a', 'b', 'c', 'b'] }],
            result: null,
          }),
        });
        expect((await store.smembers(k('s'))).sort()).toEqual(['a', 'b', 'c']);
        await store.commit({
          plan: () => ({
            writes: [
              { op: 'srem', key: k('s'), members: ['a', 'not-a-member'] },
              { op: 'sadd', key: k('s'), members: ['d'] },
            ],
            result: null,
          }),
        });
        expect((await store.smembers(k('s'))).sort()).toEqual(['b', 'c', 'd']);
      });

      it('accepts sadd and srem with no members as no-ops that create no key', async () => {
        await store.commit({
          plan: () => ({ writes: [{ op: 'sadd', key: k('s'), members: [] }], result: null }),
        });
        await store.commit({
          plan: () => ({ writes: [{ op: 'srem', key: k('t'), members: [] }], result: null }),
        });
        expect(await store.smembers(k('s'))).toEqual([]);
        // No empty set was left behind: the keys are still free.
        expect(await store.setIfAbsent(k('s'), 'v', 60_000)).toBe(true);
        expect(await store.setIfAbsent(k('t'), 'v', 60_000)).toBe(true);
      });

      it('applies del to a set, a sorted set and a hash', async () => {
        await store.commit({
          plan: () => ({
            writes: [
              { op: 'sadd', key: k('s'), members: ['a'] },
              { op: 'zadd', key: k('z'), score: 1, member: 'a' },
              { op: 'hset', key: k('h'), field: 'f', value: 'v' },
            ],
            result: null,
          }),
        });
        await store.commit({
          plan: () => ({
            writes: [
              { op: 'del', key: k('s') },
              { op: 'del', key: k('z') },
              { op: 'del', key: k('h') },
            ],
            result: null,
          }),
        });
        expect(await store.smembers(k('s'))).toEqual([]);
        expect(await store.zrangeByScore(k('z'), 0, 10)).toEqual([]);
        expect(await store.hgetall(k('h'))).toEqual({});
      });

      it('deletes a set or sorted set when its last member is removed, as Redis does', async () => {
        await store.commit({
          plan: () => ({
            writes: [
              { op: 'sadd', key: k('s'), members: ['a'] },
              { op: 'zadd', key: k('z'), score: 1, member: 'a' },
            ],
            result: null,
          }),
        });
        await store.commit({
          plan: () => ({
            writes: [
              { op: 'srem', key: k('s'), members: ['a'] },
              { op: 'zrem', key: k('z'), member: 'a' },
            ],
            result: null,
          }),
        });
        expect(await store.setIfAbsent(k('s'), 'v', 60_000)).toBe(true);
        expect(await store.setIfAbsent(k('z'), 'v', 60_000)).toBe(true);
      });

      it('applies zadd and zrem writes; zrangeByScore orders by score, filters the range and honours limit', async () => {
        await store.commit({
          plan: () => ({
            writes: [
              { op: 'zadd', key: k('z'), score: 30, member: 'c' },
              { op: 'zadd', key: k('z'), score: 10, member: 'a' },
              { op: 'zadd', key: k('z'), score: 20, member: 'b' },
              { op: 'zadd', key: k('z'), score: 40, member: 'd' },
              { op: 'zadd', key: k('z'), score: 2.5, member: 'frac' },
              { op: 'zadd', key: k('z'), score: 1_760_000_000_000, member: 'epoch-ms' },
            ],
            result: null,
          }),
        });
        expect(await store.zrangeByScore(k('z'), 0, 100)).toEqual(['frac', 'a', 'b', 'c', 'd']);
        expect(await store.zrangeByScore(k('z'), 10, 30)).toEqual(['a', 'b', 'c']);
        expect(await store.zrangeByScore(k('z'), 2.5, 2.5)).toEqual(['frac']);
        expect(await store.zrangeByScore(k('z'), 0, 100, 2)).toEqual(['frac', 'a']);
        expect(await store.zrangeByScore(k('z'), 1_700_000_000_000, 1_800_000_000_000)).toEqual(['epoch-ms']);
        expect(
          await store.zrangeByScore(k('z'), Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY, 3),
        ).toEqual(['frac', 'a', 'b']);

        await store.commit({
          plan: () => ({
            writes: [
              { op: 'zrem', key: k('z'), member: 'b' },
              // Re-adding a member moves it to its new score.
              { op: 'zadd', key: k('z'), score: 5, member: 'd' },
            ],
            result: null,
          }),
        });
        expect(await store.zrangeByScore(k('z'), 0, 100)).toEqual(['frac', 'd', 'a', 'c']);
      });

      it('applies hset writes, visible to hgetall', async () => {
        await store.commit({
          plan: () => ({
            writes: [
              { op: 'hset', key: k('h'), field: 'name', value: 'Ada' },
              { op: 'hset', key: k('h'), field: 'role', value: 'chair' },
            ],
            result: null,
          }),
        });
        await store.commit({
          plan: () => ({
            writes: [{ op: 'hset', key: k('h'), field: 'role', value: 'member' }],
            result: null,
          }),
        });
        expect(await store.hgetall(k('h'))).toEqual({ name: 'Ada', role: 'member' });
      });

      it('rejects and applies nothing when plan throws', async () => {
        await expect(
          store.commit({
            watch: [k('a')],
            plan: () => {
              throw new Error('plan failed');
            },
          }),
        ).rejects.toThrow('plan failed');
        expect(await store.get(k('a'))).toBeNull();
        expect(await store.outbox.backlog()).toBe(0);
      });

      it('rejects a commit whose write meets a key of another type, and applies none of it', async () => {
        await store.commit({
          plan: () => ({ writes: [{ op: 'set', key: k('str'), value: 'x' }], result: null }),
        });
        const journal = { key: keys.done('wrongtype', 'step'), ttlMs: 60_000 };
        const badWrites: WriteOp[] = [
          { op: 'sadd', key: k('str'), members: ['m'] },
          { op: 'srem', key: k('str'), members: ['m'] },
          { op: 'zadd', key: k('str'), score: 1, member: 'm' },
          { op: 'zrem', key: k('str'), member: 'm' },
          { op: 'hset', key: k('str'), field: 'f', value: 'v' },
        ];
        for (const bad of badWrites) {
          await expect(
            store.commit({
              journal,
              plan: () => ({
                writes: [{ op: 'set', key: k('first'), value: 'written?' }, bad],
                outbox: [textMessage('should-not-send')],
                result: 'applied',
              }),
            }),
          ).rejects.toThrow(/WRONGTYPE/);
        }
        expect(await store.get(k('first'))).toBeNull();
        expect(await store.get(k('str'))).toBe('x');
        expect(await store.outbox.backlog()).toBe(0);
        // The journal was not written either: the step can still run.
        expect(await store.commit({ journal, plan: () => ({ result: 'ran' }) })).toBe('ran');
      });

      it('lets a commit change the type of a key it deletes or overwrites first', async () => {
        await store.commit({
          plan: () => ({ writes: [{ op: 'set', key: k('x'), value: 'str' }], result: null }),
        });
        await store.commit({
          plan: () => ({
            writes: [
              { op: 'del', key: k('x') },
              { op: 'sadd', key: k('x'), members: ['m'] },
              { op: 'sadd', key: k('y'), members: ['m'] },
              { op: 'set', key: k('y'), value: 'now a string' },
            ],
            result: null,
          }),
        });
        expect(await store.smembers(k('x'))).toEqual(['m']);
        expect(await store.get(k('y'))).toBe('now a string');
      });

      it('rejects a commit with a ttl of zero or less, and applies none of it', async () => {
        for (const ttlMs of [0, -5, Number.NaN]) {
          await expect(
            store.commit({
              plan: () => ({
                writes: [
                  { op: 'set', key: k('first'), value: 'written?' },
                  { op: 'set', key: k('bad-ttl'), value: 'v', ttlMs },
                ],
                outbox: [textMessage('should-not-send')],
                result: null,
              }),
            }),
          ).rejects.toThrow();
        }
        expect(await store.mget([k('first'), k('bad-ttl')])).toEqual([null, null]);
        expect(await store.outbox.backlog()).toBe(0);
      });

      it('accepts a fractional ttl', async () => {
        await store.commit({
          plan: () => ({ writes: [{ op: 'set', key: k('x'), value: 'v', ttlMs: 49.5 }], result: null }),
        });
        expect(await store.get(k('x'))).toBe('v');
        await sleep(120);
        expect(await store.get(k('x'))).toBeNull();
      });

      it('accepts infinite scores in zadd', async () => {
        await store.commit({
          plan: () => ({
            writes: [
              { op: 'zadd', key: k('z'), score: Number.POSITIVE_INFINITY, member: 'last' },
              { op: 'zadd', key: k('z'), score: Number.NEGATIVE_INFINITY, member: 'first' },
              { op: 'zadd', key: k('z'), score: 0, member: 'middle' },
            ],
            result: null,
          }),
        });
        expect(await store.zrangeByScore(k('z'), Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY)).toEqual(
          ['first', 'middle', 'last'],
        );
        expect(await store.zrangeByScore(k('z'), -1, 1)).toEqual(['middle']);
      });

      it('handles watched sets whose members are awkward (case, unicode, newlines, empty string)', async () => {
        const members = ['B', 'a', 'é', 'Z', '_', 'a\nb', '', '10', '9', '中文'];
        await store.commit({
          plan: () => ({ writes: [{ op: 'sadd', key: k('s'), members }], result: null }),
        });
        const result = await store.commit({
          watchSets: [k('s')],
          plan: (snapshot) => ({
            writes: [{ op: 'set', key: k('count'), value: String(snapshot.sets.get(k('s'))?.length) }],
            result: [...(snapshot.sets.get(k('s')) ?? [])].sort(),
          }),
        });
        expect(result).toEqual([...members].sort());
        expect(await store.get(k('count'))).toBe(String(members.length));
      });

      it('is atomic: 50 concurrent read-increment-write commits on one counter end at exactly 50', async () => {
        const counter = k('counter');
        const results = await Promise.all(
          Array.from({ length: 50 }, () =>
            store.commit({
              watch: [counter],
              plan: (snapshot) => {
                const next = Number(snapshot.values.get(counter) ?? '0') + 1;
                return { writes: [{ op: 'set', key: counter, value: String(next) }], result: next };
              },
            }),
          ),
        );
        expect(await store.get(counter)).toBe('50');
        // Every commit saw a distinct value: no two decided from the same snapshot.
        expect([...results].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
      });

      it('is atomic on watched sets: 20 concurrent commits compete for 3 seats and exactly 3 win', async () => {
        const seats = k('seats');
        const results = await Promise.all(
          Array.from({ length: 20 }, (_, i) =>
            store.commit({
              watchSets: [seats],
              plan: (snapshot) => {
                const taken = snapshot.sets.get(seats) ?? [];
                if (taken.length >= 3) return { result: { member: `m${i}`, seated: false } };
                return {
                  writes: [{ op: 'sadd', key: seats, members: [`m${i}`] }],
                  result: { member: `m${i}`, seated: true },
                };
              },
            }),
          ),
        );
        const winners = results.filter((r) => r.seated).map((r) => r.member);
        expect(winners).toHaveLength(3);
        expect((await store.smembers(seats)).sort()).toEqual(winners.sort());
      });
    });

    describe('commit journal', () => {
      it('runs a journalled commit once and returns the first result to later commits with the same key', async () => {
        const journal = { key: keys.done('upd-1', 'step-a'), ttlMs: 60_000 };
        const first = await store.commit({
          journal,
          plan: () => ({
            writes: [{ op: 'set', key: k('state'), value: 'first' }],
            outbox: [textMessage('first')],
            result: { ok: true, n: 1 },
          }),
        });
        expect(first).toEqual({ ok: true, n: 1 });

        let secondPlanned = false;
        const second = await store.commit({
          journal,
          plan: () => {
            secondPlanned = true;
            return {
              writes: [
                { op: 'set', key: k('state'), value: 'second' },
                { op: 'sadd', key: k('second-set'), members: ['x'] },
              ],
              outbox: [textMessage('second')],
              result: { ok: false, n: 2 },
            };
          },
        });
        expect(second).toEqual({ ok: true, n: 1 });
        expect(secondPlanned).toBe(false);
        expect(await store.get(k('state'))).toBe('first');
        expect(await store.smembers(k('second-set'))).toEqual([]);
        expect(await drainOutbox(store)).toEqual([textMessage('first')]);
      });

      it('keeps different journal keys independent', async () => {
        const a = await store.commit({
          journal: { key: keys.done('u', 'a'), ttlMs: 60_000 },
          plan: () => ({ result: 'a' }),
        });
        const b = await store.commit({
          journal: { key: keys.done('u', 'b'), ttlMs: 60_000 },
          plan: () => ({ result: 'b' }),
        });
        expect([a, b]).toEqual(['a', 'b']);
      });

      it('does not write the journal when plan throws, so a retry runs', async () => {
        const journal = { key: keys.done('upd-2', 'step'), ttlMs: 60_000 };
        await expect(
          store.commit({
            journal,
            plan: () => {
              throw new Error('boom');
            },
          }),
        ).rejects.toThrow('boom');
        const retry = await store.commit({ journal, plan: () => ({ result: 'ran' }) });
        expect(retry).toBe('ran');
      });

      it('runs again once the journal marker has expired', async () => {
        const journal = { key: keys.done('upd-3', 'step'), ttlMs: 50 };
        expect(await store.commit({ journal, plan: () => ({ result: 1 }) })).toBe(1);
        expect(await store.commit({ journal, plan: () => ({ result: 2 }) })).toBe(1);
        await sleep(120);
        expect(await store.commit({ journal, plan: () => ({ result: 3 }) })).toBe(3);
      });

      it('lets only one of many concurrent commits with the same journal key apply', async () => {
        const journal = { key: keys.done('upd-4', 'step'), ttlMs: 60_000 };
        const results = await Promise.all(
          Array.from({ length: 10 }, (_, i) =>
            store.commit({
              journal,
              plan: () => ({ writes: [{ op: 'sadd', key: k('ran'), members: [`c${i}`] }], result: i }),
            }),
          ),
        );
        const ran = await store.smembers(k('ran'));
        expect(ran).toHaveLength(1);
        expect(new Set(results).size).toBe(1);
        expect(ran[0]).toBe(`c${results[0]}`);
      });
    });

    describe('commit outbox', () => {
      it('appends the plan outbox messages to store.outbox, in order', async () => {
        const messages = [textMessage('one'), textMessage('two')];
        await store.commit({ plan: () => ({ outbox: messages, result: null }) });
        const entries = await store.outbox.read('c1', 10, 0);
        expect(entries.map((e) => JSON.parse(e.data))).toEqual(messages);
        expect(await store.inbox.backlog()).toBe(0);
      });

      it('does not duplicate outbox messages when a conflicting commit is retried', async () => {
        const watched = k('watched');
        let calls = 0;
        const result = await store.commit({
          watch: [watched],
          plan: (snapshot) => {
            calls += 1;
            if (calls === 1) {
              // Change the watched key between the read and the write. (A plan must be
              // pure; this one is not, only to force a conflict on stores that detect it.)
              void store.setIfAbsent(watched, 'changed', 60_000);
            }
            return {
              writes: [{ op: 'set', key: k('out'), value: String(calls) }],
              outbox: [textMessage(`attempt-${calls}`)],
              result: { calls, saw: snapshot.values.get(watched) ?? null },
            };
          },
        });
        expect(await drainOutbox(store)).toEqual([textMessage(`attempt-${result.calls}`)]);
        expect(await store.get(k('out'))).toBe(String(result.calls));
        expect(result.calls).toBe(calls);
        if (result.calls > 1) expect(result.saw).toBe('changed');
      });

      it('writes one outbox message per commit under contention, none duplicated', async () => {
        const counter = k('counter');
        let planCalls = 0;
        await Promise.all(
          Array.from({ length: 30 }, () =>
            store.commit({
              watch: [counter],
              plan: (snapshot) => {
                planCalls += 1;
                const next = Number(snapshot.values.get(counter) ?? '0') + 1;
                return {
                  writes: [{ op: 'set', key: counter, value: String(next) }],
                  outbox: [textMessage(`n${next}`)],
                  result: next,
                };
              },
            }),
          ),
        );
        expect(planCalls).toBeGreaterThanOrEqual(30);
        const sent = await drainOutbox(store);
        expect(sent.map((m) => (m.kind === 'send' ? m.uuid : '')).sort()).toEqual(
          Array.from({ length: 30 }, (_, i) => `uuid-n${i + 1}`).sort(),
        );
      });
    });

    describe('setIfAbsent and hincrby', () => {
      it('setIfAbsent creates a missing key once', async () => {
        expect(await store.setIfAbsent(k('lock'), 'owner-1', 60_000)).toBe(true);
        expect(await store.setIfAbsent(k('lock'), 'owner-2', 60_000)).toBe(false);
        expect(await store.get(k('lock'))).toBe('owner-1');
      });

      it('setIfAbsent succeeds again after the ttl has passed', async () => {
        expect(await store.setIfAbsent(k('lock'), 'a', 50)).toBe(true);
        await sleep(120);
        expect(await store.get(k('lock'))).toBeNull();
        expect(await store.setIfAbsent(k('lock'), 'b', 50)).toBe(true);
      });

      it('lets exactly one of many concurrent setIfAbsent calls win', async () => {
        const wins = await Promise.all(
          Array.from({ length: 20 }, (_, i) => store.setIfAbsent(k('lock'), `o${i}`, 60_000)),
        );
        expect(wins.filter(Boolean)).toHaveLength(1);
      });

      it('hincrby increments a hash field and returns the new value', async () => {
        expect(await store.hincrby(k('api'), 'im.message.create', 1)).toBe(1);
        expect(await store.hincrby(k('api'), 'im.message.create', 1)).toBe(2);
        expect(await store.hincrby(k('api'), 'im.message.create', 5)).toBe(7);
        expect(await store.hincrby(k('api'), 'contact.user.get', -2)).toBe(-2);
        expect(await store.hgetall(k('api'))).toEqual({ 'im.message.create': '7', 'contact.user.get': '-2' });
      });

      it('hincrby rejects a key of another type or a field that is not an integer, and changes nothing', async () => {
        await store.commit({
          plan: () => ({
            writes: [
              { op: 'set', key: k('str'), value: 'x' },
              { op: 'hset', key: k('h'), field: 'name', value: 'Ada' },
            ],
            result: null,
          }),
        });
        await expect(store.hincrby(k('str'), 'f', 1)).rejects.toThrow(/WRONGTYPE/);
        await expect(store.hincrby(k('str'), 'f', 1, 50)).rejects.toThrow(/WRONGTYPE/);
        await expect(store.hincrby(k('h'), 'name', 1, 50)).rejects.toThrow(/not an integer/);
        await sleep(120);
        // The refused increments with a ttl did not put a ttl on the keys.
        expect(await store.get(k('str'))).toBe('x');
        expect(await store.hgetall(k('h'))).toEqual({ name: 'Ada' });
      });

      it('hincrby counts every one of many concurrent increments', async () => {
        await Promise.all(Array.from({ length: 40 }, () => store.hincrby(k('api'), 'f', 1, 60_000)));
        expect(await store.hgetall(k('api'))).toEqual({ f: '40' });
      });

      it('hincrby with ttlMs expires the hash; the ttl is not pushed back by later increments', async () => {
        await store.hincrby(k('api'), 'f', 1, 100);
        await sleep(60);
        expect(await store.hincrby(k('api'), 'f', 1, 100)).toBe(2);
        await sleep(70);
        // 130 ms after the first increment: gone, although the second was only 70 ms ago.
        expect(await store.hgetall(k('api'))).toEqual({});
        expect(await store.hincrby(k('api'), 'f', 1, 100)).toBe(1);
      });
    });

    describe('recordInbound', () => {
      it('records a new event once and appends it to the inbox', async () => {
        const key = 'msg:om_1';
        expect(await store.recordInbound(key, 60_000, '{"event":1}')).toBe('recorded');
        expect(await store.inbox.backlog()).toBe(1);
        expect(await store.recordInbound(key, 60_000, '{"event":1,"again":true}')).toBe('duplicate');
        expect(await store.inbox.backlog()).toBe(1);
        const entries = await store.inbox.read('w1', 10, 0);
        expect(entries.map((e) => e.data)).toEqual(['{"event":1}']);
        expect(await store.outbox.backlog()).toBe(0);
      });

      it('records again after the dedupe ttl has passed', async () => {
        const key = 'evt:e1';
        expect(await store.recordInbound(key, 50, 'a')).toBe('recorded');
        await sleep(120);
        expect(await store.recordInbound(key, 50, 'b')).toBe('recorded');
        expect(await store.inbox.backlog()).toBe(2);
      });

      it('records exactly one of 20 concurrent deliveries of the same event', async () => {
        const key = 'evt:same';
        const outcomes = await Promise.all(
          Array.from({ length: 20 }, (_, i) => store.recordInbound(key, 60_000, `copy-${i}`)),
        );
        expect(outcomes.filter((o) => o === 'recorded')).toHaveLength(1);
        expect(outcomes.filter((o) => o === 'duplicate')).toHaveLength(19);
        expect(await store.inbox.backlog()).toBe(1);
      });
    });

    describe('seat lists', () => {
      const o = { capacity: 2, waitlist: true };
      it('seats up to the capacity, then lines up; someone already in gets where they stand', async () => {
        const l = k('act:A1');
        expect(await store.seats.join(l, 'a', o)).toEqual({ state: 'seated', position: 1, seated: 1 });
        expect(await store.seats.join(l, 'b', o)).toEqual({ state: 'seated', position: 2, seated: 2 });
        expect(await store.seats.join(l, 'c', o)).toEqual({ state: 'waiting', position: 1 });
        expect(await store.seats.join(l, 'd', o)).toEqual({ state: 'waiting', position: 2 });
        expect(await store.seats.join(l, 'c', o)).toEqual({ state: 'waiting', position: 1 });
        expect(await store.seats.join(l, 'e', { capacity: 2, waitlist: false })).toEqual({ state: 'full' });
        expect(await store.seats.read(l)).toEqual({ seated: ['a', 'b'], waiting: ['c', 'd'], offers: {} });
      });

      it('a freed seat is offered to the first in line; accepted in time it is a seat; expired, it passes down', async () => {
        const l = k('act:A2');
        for (const m of ['a', 'b', 'c', 'd']) await store.seats.join(l, m, o);
        expect(await store.seats.leave(l, 'a', { capacity: 2, offerUntil: 1000 })).toEqual({
          was: 'seated',
          offered: 'c',
        });
        // Nobody jumps the line while an offer is open.
        expect(await store.seats.join(l, 'e', o)).toEqual({ state: 'waiting', position: 2 });
        expect(await store.seats.standing(l, 'c')).toEqual({ state: 'offered', until: 1000 });
        expect(await store.seats.expire(l, { capacity: 2, now: 1001, offerUntil: 2000 })).toEqual({
          expired: ['c'],
          offered: ['d'],
        });
        expect(await store.seats.accept(l, 'd', 3000)).toEqual({ state: 'offered', until: 2000 });
        expect(await store.seats.accept(l, 'd', 1500)).toEqual({ state: 'seated', position: 2, seated: 2 });
        expect(await store.seats.read(l)).toEqual({ seated: ['b', 'd'], waiting: ['e'], offers: {} });
        expect(await store.seats.leave(l, 'e', { capacity: 2, offerUntil: 0 })).toEqual({ was: 'waiting' });
        expect(await store.seats.leave(l, 'zz', { capacity: 2, offerUntil: 0 })).toEqual({ was: 'none' });
      });

      it('a pool (lottery) only lines up; arrange seats the drawn ones in order', async () => {
        const l = k('act:A3');
        for (const m of ['a', 'b', 'c']) {
          expect((await store.seats.join(l, m, { capacity: 1, waitlist: false, pool: true })).state).toBe(
            'waiting',
          );
        }
        await store.seats.arrange(l, ['c'], ['a', 'b']);
        expect(await store.seats.read(l)).toEqual({ seated: ['c'], waiting: ['a', 'b'], offers: {} });
      });

      it('never overfills under many joins at once, and lines up without gaps or repeats', async () => {
        const l = k('act:A4');
        const results = await Promise.all(
          Array.from({ length: 300 }, (_, i) =>
            store.seats.join(l, `m${i}`, { capacity: 50, waitlist: true }),
          ),
        );
        expect(results.filter((r) => r.state === 'seated')).toHaveLength(50);
        const positions = results
          .flatMap((r) => (r.state === 'waiting' ? [r.position] : []))
          .sort((a, b) => a - b);
        expect(positions).toEqual(Array.from({ length: 250 }, (_, i) => i + 1));
      });
    });

    describe('presence', () => {
      it('gives each process its own name, and a name back once it is left', async () => {
        const a = await store.presence.register('contract-host');
        const b = await store.presence.register('contract-host');
        expect(a).not.toBe(b);
        expect(await store.presence.alive([a, b, 'contract-host#99'])).toEqual(new Set([a, b]));
        await store.presence.leave(a);
        expect(await store.presence.alive([a, b])).toEqual(new Set([b]));
        await store.presence.beat(a);
        expect(await store.presence.alive([a])).toEqual(new Set([a]));
      });
    });

    describe('commit acks the inbox entry it handled', () => {
      it('in the same step, and also when the journal says it was done before', async () => {
        await store.inbox.add('update-1');
        await store.inbox.add('update-2');
        const [first, second] = await store.inbox.read('c1', 10, 0);
        const unit = (id: string) => ({
          checks: { values: new Map(), sets: new Map() },
          writes: [],
          outbox: [textMessage(id)],
          journal: { key: k('done:ack'), ttlMs: 60_000, result: '1' },
          ackInbox: id,
        });
        expect(await store.apply(unit(first!.id))).toEqual({ state: 'applied' });
        expect(await store.inbox.backlog()).toBe(1);
        expect(await store.apply(unit(second!.id))).toEqual({ state: 'done', result: '1' });
        expect(await store.inbox.backlog()).toBe(0);
        expect((await drainOutbox(store)).map((m) => m.kind === 'send' && m.uuid)).toEqual([
          `uuid-${first!.id}`,
        ]);
      });

      it('not when the unit conflicts', async () => {
        await store.inbox.add('update');
        const [entry] = await store.inbox.read('c1', 10, 0);
        const applied = await store.apply({
          checks: { values: new Map([[k('changed'), 'old']]), sets: new Map() },
          writes: [],
          outbox: [],
          ackInbox: entry!.id,
        });
        expect(applied).toEqual({ state: 'conflict' });
        expect(await store.inbox.backlog()).toBe(1);
      });
    });

    for (const which of ['inbox', 'outbox'] as const) {
      describe(`stream queue (${which})`, () => {
        let q: StreamQueue;
        beforeEach(() => {
          q = store[which];
        });

        it('delivers an added entry once, with deliveries 1', async () => {
          const id = await q.add('payload-1');
          expect(typeof id).toBe('string');
          const got = await q.read('consumer-1', 10, 0);
          expect(got).toEqual([{ id, data: 'payload-1', deliveries: 1 }]);
          expect(await q.read('consumer-2', 10, 0)).toEqual([]);
          expect(await q.read('consumer-1', 10, 0)).toEqual([]);
        });

        it('reads in insertion order and honours count', async () => {
          await q.add('a');
          await q.add('b');
          await q.add('c');
          const first = await q.read('consumer-1', 2, 0);
          expect(first.map((e) => e.data)).toEqual(['a', 'b']);
          const rest = await q.read('consumer-2', 2, 0);
          expect(rest.map((e) => e.data)).toEqual(['c']);
        });

        it('lets another consumer claim an unacked entry, with a higher delivery count', async () => {
          const id = await q.add('stale');
          await q.read('consumer-1', 10, 0);
          // Not idle for long enough yet.
          expect(await q.claimStale('consumer-2', 60_000, 10)).toEqual([]);
          const claimed = await q.claimStale('consumer-2', 0, 10);
          expect(claimed).toHaveLength(1);
          expect(claimed[0]?.id).toBe(id);
          expect(claimed[0]?.data).toBe('stale');
          expect(claimed[0]?.deliveries).toBeGreaterThanOrEqual(2);
          const again = await q.claimStale('consumer-1', 0, 10);
          expect(again[0]?.deliveries).toBeGreaterThan(claimed[0]?.deliveries ?? 0);
          // Claimed entries are pending, not new: a plain read does not return them.
          expect(await q.read('consumer-3', 10, 0)).toEqual([]);
        });

        it('does not hand out unread entries through claimStale', async () => {
          await q.add('unread');
          expect(await q.claimStale('consumer-2', 0, 10)).toEqual([]);
          expect((await q.read('consumer-1', 10, 0)).map((e) => e.data)).toEqual(['unread']);
        });

        it('honours count in claimStale', async () => {
          await q.add('a');
          await q.add('b');
          await q.add('c');
          await q.read('consumer-1', 10, 0);
          expect(await q.claimStale('consumer-2', 0, 2)).toHaveLength(2);
        });

        it("takes over only a dead consumer's entries, never a live one's, and its own only when asked", async () => {
          const live = await store.presence.register('contract-live');
          await q.add('held-by-live');
          await q.add('held-by-dead');
          await q.add('mine');
          await q.read(live, 1, 0);
          await q.read('contract-dead#1', 1, 0);
          await q.read('contract-me#1', 1, 0);
          await sleep(1100); // taken-over entries must have been idle a moment (see TAKEOVER_MIN_IDLE_MS)
          const alive = (names: readonly string[]) => store.presence.alive(names);
          const taken = await q.takeOver('contract-me#1', alive, 10);
          expect(taken.map((e) => e.data)).toEqual(['held-by-dead']);
          expect(taken[0]?.deliveries).toBe(2);
          // Its own entries (the one it read, the one it just took) come only when asked for.
          const own = await q.takeOver('contract-me#1', alive, 10, 0);
          expect(own.map((e) => e.data).sort()).toEqual(['held-by-dead', 'mine']);
          await store.presence.leave(live);
          const afterLeaving = await q.takeOver('contract-me#1', alive, 10);
          expect(afterLeaving.map((e) => e.data)).toEqual(['held-by-live']);
        });

        it('removes an acked entry: backlog 0 and nothing left to claim', async () => {
          const id = await q.add('done');
          const [entry] = await q.read('consumer-1', 10, 0);
          expect(entry?.id).toBe(id);
          await q.ack(id);
          expect(await q.backlog()).toBe(0);
          expect(await q.claimStale('consumer-2', 0, 10)).toEqual([]);
          expect(await q.read('consumer-2', 10, 0)).toEqual([]);
        });

        it('dead-letters an entry: it leaves the queue and is listed with its reason, newest first', async () => {
          await q.add('bad-1');
          await q.add('bad-2');
          await q.add('good');
          const entries = await q.read('consumer-1', 10, 0);
          const [bad1, bad2, good] = entries as [QueueEntry, QueueEntry, QueueEntry];
          const before = Date.now();
          await q.deadLetter(bad1, 'rejected by Feishu');
          await q.deadLetter(bad2, 'too many attempts');
          expect(await q.backlog()).toBe(1);
          const claimed = await q.claimStale('consumer-2', 0, 10);
          expect(claimed.map((e) => e.id)).toEqual([good.id]);

          const dead = await q.deadLetters();
          expect(dead.map(({ data, reason }) => ({ data, reason }))).toEqual([
            { data: 'bad-2', reason: 'too many attempts' },
            { data: 'bad-1', reason: 'rejected by Feishu' },
          ]);
          for (const d of dead) {
            expect(d.at).toBeGreaterThanOrEqual(before - 1000);
            expect(d.at).toBeLessThanOrEqual(Date.now() + 1000);
          }
          expect(await q.deadLetters(1)).toHaveLength(1);
        });

        it('keeps dead letters per queue', async () => {
          const other = which === 'inbox' ? store.outbox : store.inbox;
          await q.add('x');
          const [e] = await q.read('consumer-1', 1, 0);
          await q.deadLetter(e as QueueEntry, 'why');
          expect(await other.deadLetters()).toEqual([]);
        });

        it('counts added-but-unacked entries in backlog, read or not', async () => {
          expect(await q.backlog()).toBe(0);
          await q.add('a');
          await q.add('b');
          await q.add('c');
          expect(await q.backlog()).toBe(3);
          const read = await q.read('consumer-1', 2, 0);
          expect(await q.backlog()).toBe(3);
          await q.ack(read[0]?.id ?? '');
          expect(await q.backlog()).toBe(2);
          await q.deadLetter(read[1] as QueueEntry, 'x');
          expect(await q.backlog()).toBe(1);
        });

        it('returns nothing from a non-blocking read of an empty queue', async () => {
          const started = Date.now();
          expect(await q.read('consumer-1', 10, 0)).toEqual([]);
          expect(Date.now() - started).toBeLessThan(500);
        });

        it('waits in a blocking read and returns an entry added meanwhile', async () => {
          const started = Date.now();
          const timer = setTimeout(() => {
            void q.add('late');
          }, 50);
          try {
            const got = await q.read('consumer-1', 10, 2000);
            expect(got.map((e) => [e.data, e.deliveries])).toEqual([['late', 1]]);
            const waited = Date.now() - started;
            expect(waited).toBeGreaterThanOrEqual(40);
            expect(waited).toBeLessThan(1500);
          } finally {
            clearTimeout(timer);
          }
        });

        it('ends a pending blocking read with no entries when the store closes', async () => {
          const started = Date.now();
          const pending = q.read('consumer-1', 10, 2000);
          await sleep(50);
          await store.close();
          expect(await pending).toEqual([]);
          expect(Date.now() - started).toBeLessThan(1000);
        });

        it('returns empty from a blocking read that times out', async () => {
          const started = Date.now();
          expect(await q.read('consumer-1', 10, 100)).toEqual([]);
          expect(Date.now() - started).toBeGreaterThanOrEqual(90);
        });
      });
    }
  });
}
