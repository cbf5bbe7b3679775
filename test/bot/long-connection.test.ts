import { describe, expect, it } from 'vitest';
import { longConnectionDispatcher } from '../../src/bot/long-connection.ts';
import { makeCardAction, makeMessageEvent } from '../helpers/fixtures.ts';
import { testRuntime } from '../helpers/test-runtime.ts';

describe('long connection: the dispatcher the WSClient invokes', () => {
  it('records a message in the inbox, and the bot replies once it is handled', async () => {
    const rt = await testRuntime();
    const dispatcher = longConnectionDispatcher(rt.receiver);
    await dispatcher.invoke(makeMessageEvent({ text: '/help' }));
    expect(await rt.store.inbox.backlog()).toBe(1);
    await rt.settle();
    expect(rt.sender.sent).toHaveLength(1);
    expect(rt.sender.cards()).toHaveLength(1);
  });

  it('replies once to a message delivered twice', async () => {
    const rt = await testRuntime();
    const dispatcher = longConnectionDispatcher(rt.receiver);
    const event = makeMessageEvent({ text: '/help', messageId: 'om_ws_dup' });
    const again = { ...event, header: { ...event.header, event_id: 'ev_ws_redelivered' } };
    await dispatcher.invoke(event);
    await dispatcher.invoke(again);
    expect(await rt.store.inbox.backlog()).toBe(1);
    await rt.settle();
    expect(rt.sender.sent).toHaveLength(1);
  });

  it('answers a card callback with the new card, for the ACK', async () => {
    const rt = await testRuntime();
    const dispatcher = longConnectionDispatcher(rt.receiver);
    const answer = (await dispatcher.invoke(
      makeCardAction({ value: { a: 'help.section', s: 'index', v: 1 } }),
    )) as { card?: { type: string; data: { schema?: string } } };
    expect(answer.card?.type).toBe('raw');
    expect(answer.card?.data.schema).toBe('2.0');
    // answered inline: nothing goes through the inbox
    expect(await rt.store.inbox.backlog()).toBe(0);
  });

  it('rejects a malformed payload (so Feishu redelivers) and records nothing', async () => {
    const rt = await testRuntime();
    const dispatcher = longConnectionDispatcher(rt.receiver);
    await expect(dispatcher.invoke({ schema: '2.0', header: {}, event: 'nope' })).rejects.toThrow(/400/);
    await expect(dispatcher.invoke('not even an object')).rejects.toThrow();
    const event = makeMessageEvent();
    const broken = { ...event, event: { ...event.event, message: { chat_id: 'oc_x' } } };
    await expect(dispatcher.invoke(broken)).rejects.toThrow();
    expect(await rt.store.inbox.backlog()).toBe(0);
    await rt.settle();
    expect(rt.sender.sent).toHaveLength(0);
  });
});
