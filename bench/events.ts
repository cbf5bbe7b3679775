import { randomUUID } from 'node:crypto';
import { encryptEvent, signBody } from '../src/bot/crypto.ts';

/** The app settings the bench and the process tests give the bot. */
export const BENCH_APP = {
  appId: 'cli_bench0123456789a',
  appSecret: 'bench-secret',
  encryptKey: 'bench encrypt key',
  verificationToken: 'bench-token',
};

/**
 * A signed, encrypted `im.message.receive_v1` event, exactly as Feishu posts it, from a
 * sender of its own (so each one is a new person in a new direct chat).
 */
export function signedMessage(opts: { text?: string; sender?: string; messageId?: string } = {}) {
  const id = randomUUID();
  const sender = opts.sender ?? `ou_bench_${id.slice(0, 12)}`;
  const payload = {
    schema: '2.0',
    header: {
      event_id: `ev_${id}`,
      event_type: 'im.message.receive_v1',
      create_time: String(Date.now()),
      token: BENCH_APP.verificationToken,
      app_id: BENCH_APP.appId,
      tenant_key: 'bench',
    },
    event: {
      sender: {
        sender_id: { open_id: sender, union_id: `on_${id.slice(0, 8)}` },
        sender_type: 'user',
        tenant_key: 'bench',
      },
      message: {
        message_id: opts.messageId ?? `om_${id}`,
        create_time: String(Date.now()),
        chat_id: `oc_${sender}`,
        chat_type: 'p2p',
        message_type: 'text',
        content: JSON.stringify({ text: opts.text ?? '/help' }),
      },
    },
  };
  return { chatId: `oc_${sender}`, ...signed(payload) };
}

/** A request body and headers exactly as Feishu posts a payload: encrypted, then signed over the raw bytes. */
export function signed(payload: unknown) {
  const body = JSON.stringify({ encrypt: encryptEvent(JSON.stringify(payload), BENCH_APP.encryptKey) });
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = randomUUID();
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'x-lark-request-timestamp': timestamp,
      'x-lark-request-nonce': nonce,
      'x-lark-signature': signBody(timestamp, nonce, BENCH_APP.encryptKey, Buffer.from(body)),
    },
  };
}

/**
 * A signed, encrypted `card.action.trigger` callback (schema 2.0): `operator` clicked a
 * button whose value is `value` on the card `messageId` in `chatId`.
 */
export function signedCardAction(o: {
  operator: string;
  value: unknown;
  messageId?: string;
  chatId?: string;
}) {
  const id = randomUUID();
  const payload = {
    schema: '2.0',
    header: {
      event_id: `ev_card_${id}`,
      event_type: 'card.action.trigger',
      create_time: String(Date.now() * 1000),
      token: BENCH_APP.verificationToken,
      app_id: BENCH_APP.appId,
      tenant_key: 'bench',
    },
    event: {
      operator: { open_id: o.operator },
      token: `c-${id}`,
      action: { value: o.value, tag: 'button' },
      host: 'im_message',
      context: { open_message_id: o.messageId ?? 'om_bench_card', open_chat_id: o.chatId ?? 'oc_bench_chat' },
    },
  };
  return signed(payload);
}
