import { randomUUID } from 'node:crypto';
import { encryptEvent, signBody } from '../../src/bot/crypto.ts';

let seq = 0;

export interface MessageFixture {
  text?: string;
  /** Raw content JSON; overrides `text`. */
  content?: string;
  messageType?: string;
  chatType?: 'p2p' | 'group';
  chatId?: string;
  senderOpenId?: string;
  senderType?: string;
  messageId?: string;
  eventId?: string;
  mentions?: { key: string; openId: string; name?: string }[];
  token?: string;
}

/** An `im.message.receive_v1` envelope (schema 2.0), with overrides. */
export function makeMessageEvent(o: MessageFixture = {}) {
  seq += 1;
  return {
    schema: '2.0',
    header: {
      event_id: o.eventId ?? `ev_${seq}_${randomUUID().slice(0, 8)}`,
      event_type: 'im.message.receive_v1',
      create_time: '1700000000000',
      token: o.token ?? 'vtoken',
      app_id: 'cli_0123456789abcdef',
      tenant_key: 'tk',
    },
    event: {
      sender: {
        sender_id: { open_id: o.senderOpenId ?? 'ou_student_1', union_id: 'on_x' },
        sender_type: o.senderType ?? 'user',
        tenant_key: 'tk',
      },
      message: {
        message_id: o.messageId ?? `om_${seq}_${randomUUID().slice(0, 8)}`,
        create_time: '1700000000000',
        chat_id: o.chatId ?? (o.chatType === 'group' ? 'oc_group_1' : 'oc_p2p_1'),
        chat_type: o.chatType ?? 'p2p',
        message_type: o.messageType ?? 'text',
        content: o.content ?? JSON.stringify({ text: o.text ?? '/help' }),
        mentions: (o.mentions ?? []).map((m) => ({
          key: m.key,
          id: { open_id: m.openId },
          name: m.name ?? 'x',
        })),
      },
    },
  };
}

export interface CardActionFixture {
  value: unknown;
  operatorOpenId?: string;
  eventId?: string;
  formValue?: Record<string, unknown>;
  token?: string;
  messageId?: string;
  chatId?: string;
}

/** A `card.action.trigger` envelope, with overrides. */
export function makeCardAction(o: CardActionFixture) {
  seq += 1;
  return {
    schema: '2.0',
    header: {
      event_id: o.eventId ?? `ev_card_${seq}_${randomUUID().slice(0, 8)}`,
      event_type: 'card.action.trigger',
      create_time: '1700000000000000',
      token: o.token ?? 'vtoken',
      app_id: 'cli_0123456789abcdef',
      tenant_key: 'tk',
    },
    event: {
      operator: { open_id: o.operatorOpenId ?? 'ou_student_1' },
      token: 'c-callback-token',
      action: { value: o.value, tag: 'button', ...(o.formValue ? { form_value: o.formValue } : {}) },
      host: 'im_message',
      context: { open_message_id: o.messageId ?? 'om_card_1', open_chat_id: o.chatId ?? 'oc_p2p_1' },
    },
  };
}

/** A request body as Feishu sends it with an Encrypt Key: encrypted and signed over the raw bytes. */
export function encryptedRequest(
  payload: unknown,
  encryptKey: string,
  opts: { timestamp?: string; nonce?: string; rawBody?: string } = {},
) {
  const body = opts.rawBody ?? JSON.stringify({ encrypt: encryptEvent(JSON.stringify(payload), encryptKey) });
  const timestamp = opts.timestamp ?? String(Math.floor(Date.now() / 1000));
  const nonce = opts.nonce ?? randomUUID();
  return {
    method: 'POST',
    body,
    headers: {
      'content-type': 'application/json',
      'x-lark-request-timestamp': timestamp,
      'x-lark-request-nonce': nonce,
      'x-lark-signature': signBody(timestamp, nonce, encryptKey, Buffer.from(body)),
    },
  };
}

/** A plaintext request body (no Encrypt Key configured). */
export function plainRequest(payload: unknown) {
  return { method: 'POST', body: JSON.stringify(payload), headers: { 'content-type': 'application/json' } };
}
