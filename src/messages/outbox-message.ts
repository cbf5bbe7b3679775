import { randomUUID } from 'node:crypto';
import { z } from 'zod';

/**
 * The largest file the bot sends. Feishu takes up to 30 MB (`im/v1/files`), but a file
 * travels inside its outbox entry (a Redis stream entry), so ours stay far smaller.
 */
export const MAX_FILE_BYTES = 4 * 1024 * 1024;

/**
 * A message the bot has decided to send. It is written to the outbox in the same
 * atomic step as the state change that caused it, then sent by the outbox worker.
 * `uuid` goes to Feishu, which sends at most one message per uuid within an hour,
 * so a retry after a timeout never shows twice.
 */
export const OutboxMessageSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('send'),
    v: z.literal(1),
    uuid: z.string().max(50),
    to: z.object({ type: z.enum(['open_id', 'chat_id', 'user_id', 'union_id', 'email']), id: z.string() }),
    msgType: z.enum(['text', 'post', 'interactive']),
    content: z.string(),
    /** After sending, the message id is added to this set (to update every copy of a card later). */
    track: z.string().optional(),
  }),
  z.object({
    kind: z.literal('reply'),
    v: z.literal(1),
    uuid: z.string().max(50),
    messageId: z.string(),
    /** Where the reply lands, for rate limiting per chat. */
    chatId: z.string(),
    msgType: z.enum(['text', 'post', 'interactive']),
    content: z.string(),
    track: z.string().optional(),
  }),
  z.object({
    kind: z.literal('patch'),
    v: z.literal(1),
    messageId: z.string(),
    content: z.string(),
  }),
  z.object({
    /**
     * A file (a person's data export): uploaded to Feishu, then sent as a file message.
     * The content travels in the outbox, so it stays small (see MAX_FILE_BYTES).
     */
    kind: z.literal('file'),
    v: z.literal(1),
    uuid: z.string().max(50),
    to: z.object({ type: z.enum(['open_id', 'chat_id', 'user_id', 'union_id', 'email']), id: z.string() }),
    fileName: z.string().min(1).max(200),
    /** UTF-8 text; Feishu refuses an empty file. */
    content: z
      .string()
      .min(1)
      .refine((c) => Buffer.byteLength(c, 'utf8') <= MAX_FILE_BYTES, 'over the file size limit'),
  }),
  z.object({
    /** Delayed card update with a callback token (30 min, two uses). */
    kind: z.literal('card-update'),
    v: z.literal(1),
    token: z.string(),
    card: z.record(z.string(), z.unknown()),
  }),
]);

export type OutboxMessage = z.infer<typeof OutboxMessageSchema>;
export type MsgType = 'text' | 'post' | 'interactive';
export type Recipient = Extract<OutboxMessage, { kind: 'send' }>['to'];

/** A file message to `to`: uploaded, then sent (one per uuid, like any message). */
export function fileMessage(to: Recipient, fileName: string, content: string): OutboxMessage {
  return { kind: 'file', v: 1, uuid: newUuid(), to, fileName, content };
}

/** A fresh idempotency key for Feishu (≤ 50 characters). */
export function newUuid(): string {
  return randomUUID();
}

/** The rate-limit bucket a message counts against: one chat or one user. */
export function rateKey(message: OutboxMessage): string {
  switch (message.kind) {
    case 'send':
    case 'file':
      return `${message.to.type}:${message.to.id}`;
    case 'reply':
      return `chat_id:${message.chatId}`;
    case 'patch':
      return `message:${message.messageId}`;
    case 'card-update':
      return `token:${message.token}`;
  }
}
