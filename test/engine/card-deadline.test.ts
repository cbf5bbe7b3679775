import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Bot } from '../../src/bot/bot.ts';
import { type AnyCardAction, defineAction } from '../../src/bot/command.ts';
import { errorRef } from '../../src/bot/errors.ts';
import { Receiver } from '../../src/bot/receiver.ts';
import { card, markdown } from '../../src/cards/card.ts';
import { translator } from '../../src/i18n/index.ts';
import { silentLogger } from '../../src/lib/logger.ts';
import type { OutboxMessage } from '../../src/messages/outbox-message.ts';
import { makeCardAction } from '../helpers/fixtures.ts';
import { type TestRuntime, testRuntime } from '../helpers/test-runtime.ts';

const zh = translator('zh-CN');
const SLOW_CARD = card('完成', [markdown('慢操作已完成')]) as unknown as Record<string, unknown>;

/** A promise the test opens by hand. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

/** A receiver in front of a bot that has only the given card actions. */
function receiverWith(rt: TestRuntime, actions: AnyCardAction[], cardDeadlineMs?: number) {
  const bot = new Bot(rt.bot.services, { commands: [], actions }, rt.bot.identity);
  return new Receiver({
    store: rt.store,
    bot,
    log: silentLogger(),
    clock: rt.clock,
    verificationToken: 'vtoken',
    local: true,
    ...(cardDeadlineMs === undefined ? {} : { cardDeadlineMs }),
  });
}

/** Lets pending promises run until the outbox holds `n` messages (bounded; no timing assertion). */
async function outboxReaches(rt: TestRuntime, n: number): Promise<number> {
  for (let i = 0; i < 200; i++) {
    const backlog = await rt.store.outbox.backlog();
    if (backlog >= n) return backlog;
    await new Promise((r) => setTimeout(r, 5));
  }
  return rt.store.outbox.backlog();
}

describe('a card action slower than the callback deadline', () => {
  it('is answered in time with a toast, and its card is delivered later with the callback token', async () => {
    const rt = await testRuntime();
    const slow = gate();
    let ran = false;
    const receiver = receiverWith(
      rt,
      [
        defineAction({
          name: 'test.slow',
          value: z.object({ a: z.literal('test.slow') }),
          run: async () => {
            ran = true;
            await slow.opened;
            return { card: { type: 'raw', data: SLOW_CARD } };
          },
        }),
      ],
      20,
    );

    const answer = await receiver.handleEnvelope(makeCardAction({ value: { a: 'test.slow' } }), 'local');

    // answered while the action is still running
    expect(ran).toBe(true);
    expect(answer).toEqual({
      status: 200,
      body: { toast: { type: 'info', content: zh('card.processing') } },
    });
    expect(await rt.store.outbox.backlog()).toBe(0);

    slow.open();
    expect(await outboxReaches(rt, 1)).toBe(1);
    await rt.settle();
    const updates = rt.sender.sent.filter((m) => m.kind === 'card-update');
    expect(updates).toEqual([
      { kind: 'card-update', v: 1, token: 'c-callback-token', card: SLOW_CARD } satisfies OutboxMessage,
    ]);
    expect(rt.sender.sent).toHaveLength(1);
  });

  it('sends a late toast-only answer (a refusal, a failure) to the clicker as a message, so it is not lost', async () => {
    const rt = await testRuntime();
    const slow = gate();
    const done: string[] = [];
    const receiver = receiverWith(
      rt,
      [
        defineAction({
          name: 'test.toastOnly',
          value: z.object({ a: z.literal('test.toastOnly') }),
          run: async () => {
            await slow.opened;
            done.push('toastOnly');
            return { toast: { type: 'success', content: 'ok' } };
          },
        }),
        defineAction({
          name: 'test.failsLate',
          value: z.object({ a: z.literal('test.failsLate') }),
          run: async (ctx) => {
            ctx.reply('must not be sent');
            await slow.opened;
            done.push('failsLate');
            throw new Error('boom');
          },
        }),
      ],
      20,
    );
    const answers = await Promise.all([
      receiver.handleEnvelope(makeCardAction({ value: { a: 'test.toastOnly' } }), 'local'),
      receiver.handleEnvelope(makeCardAction({ value: { a: 'test.failsLate' } }), 'local'),
    ]);
    for (const a of answers)
      expect(a.body).toEqual({ toast: { type: 'info', content: zh('card.processing') } });

    slow.open();
    for (let i = 0; i < 200 && done.length < 2; i++) await new Promise((r) => setTimeout(r, 5));
    expect(done.sort()).toEqual(['failsLate', 'toastOnly']);
    expect(await outboxReaches(rt, 2)).toBe(2);
    await rt.settle();
    const texts = rt.sender.texts();
    expect(texts).toHaveLength(2);
    expect(texts).toContain('ok');
    expect(texts.some((t) => t.startsWith('抱歉，处理时出了点问题'))).toBe(true);
    // Nothing the failed action buffered goes out.
    expect(texts).not.toContain('must not be sent');
    expect(rt.sender.sent.every((m) => m.kind === 'send' && m.to.id === 'ou_student_1')).toBe(true);
  });
});

describe('a card action that fails unexpectedly', () => {
  it('gets an error toast with a reference, and sends nothing', async () => {
    const rt = await testRuntime();
    const receiver = receiverWith(rt, [
      defineAction({
        name: 'test.broken',
        value: z.object({ a: z.literal('test.broken') }),
        run: async (ctx) => {
          ctx.reply('half-done work that must not be sent');
          throw new TypeError('cannot read properties of undefined');
        },
      }),
    ]);

    const answer = await receiver.handleEnvelope(
      makeCardAction({ value: { a: 'test.broken' }, eventId: 'ev_card_broken' }),
      'local',
    );

    expect(answer.status).toBe(200);
    const body = answer.body as { toast?: { type: string; content: string }; card?: unknown };
    expect(body.card).toBeUndefined();
    expect(body.toast?.type).toBe('error');
    const ref = /\bE[0-9A-Z]{6}\b/.exec(body.toast?.content ?? '')?.[0];
    expect(ref).toBe(errorRef('card:ev_card_broken'));
    expect(body.toast?.content).toBe(zh('error.internal', { ref: ref ?? '' }));
    // the internal error's text is not shown to the user
    expect(body.toast?.content).not.toContain('undefined');

    expect(await rt.store.outbox.backlog()).toBe(0);
    await rt.settle();
    expect(rt.sender.sent).toEqual([]);
  });
});
