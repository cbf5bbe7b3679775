import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { InboxWorker } from '../../src/bot/inbox-worker.ts';
import { silentLogger } from '../../src/lib/logger.ts';
import { RedisStore } from '../../src/store/redis-store.ts';
import { makeMessageEvent, plainRequest } from '../helpers/fixtures.ts';
import { type TestRuntime, testRuntime } from '../helpers/test-runtime.ts';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const opened: { rt: TestRuntime; prefix: string }[] = [];

/** A runtime on the real Redis, under a prefix of its own. */
async function redisRuntime(prefix = `test:inbox:${randomUUID()}:`) {
  const store = await RedisStore.connect(REDIS_URL, prefix);
  const rt = await testRuntime({ store, env: { REDIS_PREFIX: prefix } });
  opened.push({ rt, prefix });
  return { rt, prefix, store };
}

afterEach(async () => {
  const redis = new Redis(REDIS_URL);
  for (const { rt, prefix } of opened.splice(0)) {
    await rt.close();
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
  }
  redis.disconnect();
});

describe('inbox on Redis', () => {
  it('handles an event acknowledged just before the process was killed, once, after a restart', async () => {
    const { rt: first, prefix } = await redisRuntime();
    const res = await first.app.request('/lark/events', plainRequest(makeMessageEvent({ text: '/help' })));
    expect(res.status).toBe(200);
    // The doomed process takes the entry and dies before handling it.
    const taken = await first.store.inbox.read('doomed-consumer', 10, 0);
    expect(taken).toHaveLength(1);

    // A new process on the same Redis.
    const { rt: second } = await redisRuntime(prefix);
    const worker = new InboxWorker({
      store: second.store,
      bot: second.bot,
      log: silentLogger(),
      consumer: 'restarted',
    });
    expect(await worker.drain()).toBe(1);
    await second.outbox.drain();
    expect(second.sender.cards()).toHaveLength(1);
    expect(await second.store.inbox.backlog()).toBe(0);
    // Nothing left to handle a second time.
    expect(await worker.drain()).toBe(0);
    await second.outbox.drain();
    expect(second.sender.sent).toHaveLength(1);
  });

  it('does not reply twice when killed after handling but before acking', async () => {
    const { rt, store } = await redisRuntime();
    await rt.app.request('/lark/events', plainRequest(makeMessageEvent({ text: '/help' })));
    const [entry] = await store.inbox.read('doomed-consumer', 10, 0);
    // Handled (reply committed to the outbox) but never acked.
    await rt.bot.handleUpdate(JSON.parse(entry!.data));
    const worker = new InboxWorker({ store, bot: rt.bot, log: silentLogger(), consumer: 'restarted' });
    expect(await worker.drain()).toBe(1);
    await rt.outbox.drain();
    expect(rt.sender.sent).toHaveLength(1);
  });

  it('replies once to one message delivered concurrently to two replicas', async () => {
    const { rt: a, prefix } = await redisRuntime();
    const { rt: b } = await redisRuntime(prefix);
    const event = makeMessageEvent({ messageId: 'om_two_replicas', text: '/help' });
    const statuses = await Promise.all(
      [a, b, a, b].map(
        async (rt, i) =>
          (
            await rt.app.request(
              '/lark/events',
              plainRequest({ ...event, header: { ...event.header, event_id: `ev_${i}` } }),
            )
          ).status,
      ),
    );
    expect(statuses).toEqual([200, 200, 200, 200]);
    // One after the other: a test drain takes over in-flight entries at once.
    await a.settle();
    await b.settle();
    expect(a.sender.sent.length + b.sender.sent.length).toBe(1);
  });
});
