import { describe, expect, it } from 'vitest';
import { InboxWorker } from '../../src/bot/inbox-worker.ts';
import { silentLogger } from '../../src/lib/logger.ts';
import { makeMessageEvent, plainRequest } from '../helpers/fixtures.ts';
import { redisPrefix, redisRuntime } from '../helpers/redis.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A runtime on the real Redis under a prefix of its own (or a shared one: another replica). */
async function replica(prefix = redisPrefix('inbox')) {
  const rt = await redisRuntime(prefix);
  return { rt, prefix, store: rt.store };
}

describe('inbox on Redis', () => {
  it('handles an event acknowledged just before the process was killed, once, after a restart', async () => {
    const { rt: first, prefix } = await replica();
    const res = await first.app.request('/lark/events', plainRequest(makeMessageEvent({ text: '/help' })));
    expect(res.status).toBe(200);
    // The doomed process takes the entry and dies before handling it.
    const taken = await first.store.inbox.read('doomed-consumer', 10, 0);
    expect(taken).toHaveLength(1);
    // Its heartbeat never existed (or has expired); entries idle under a second are left
    // alone, as another live process may have just claimed them.
    await sleep(1100);

    // A new process on the same Redis.
    const { rt: second } = await replica(prefix);
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
    const { rt, store } = await replica();
    await rt.app.request('/lark/events', plainRequest(makeMessageEvent({ text: '/help' })));
    const [entry] = await store.inbox.read('doomed-consumer', 10, 0);
    // Handled (reply committed to the outbox) but never acked.
    await rt.bot.handleUpdate(JSON.parse(entry!.data));
    await sleep(1100);
    const worker = new InboxWorker({ store, bot: rt.bot, log: silentLogger(), consumer: 'restarted' });
    expect(await worker.drain()).toBe(1);
    await rt.outbox.drain();
    expect(rt.sender.sent).toHaveLength(1);
  });

  it('replies once to one message delivered concurrently to two replicas', async () => {
    const { rt: a, prefix } = await replica();
    const { rt: b } = await replica(prefix);
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
