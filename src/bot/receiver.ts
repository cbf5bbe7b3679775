import { translator } from '../i18n/index.ts';
import type { Clock } from '../lib/clock.ts';
import type { Logger } from '../lib/logger.ts';
import { textContent } from '../messages/content.ts';
import { newUuid, type OutboxMessage } from '../messages/outbox-message.ts';
import type { Store } from '../store/store.ts';
import type { Bot } from './bot.ts';
import { decryptEvent, verifySignature } from './crypto.ts';
import {
  CARD_ACTION_EVENT,
  CardActionEventSchema,
  type CardActionResponse,
  ChallengeSchema,
  EnvelopeSchema,
  fastCardCallback,
  MESSAGE_EVENT,
  MessageEventSchema,
} from './envelope.ts';
import { errorRef } from './errors.ts';
import type { InboxEntry } from './inbox-entry.ts';

/** Feishu redelivers for about 7 h; inbound ids are remembered longer than that. */
export const DEDUPE_TTL_MS = 24 * 3600 * 1000;
/**
 * A signed request older (or newer) than this is refused as stale. It is wider than
 * Feishu's retry window, and narrower than the dedupe memory, so any replay of a
 * signed request is either stale or a known duplicate.
 */
export const MAX_SKEW_MS = 8 * 3600 * 1000;
/** Card callbacks must be answered within 3 s; we answer by this, whatever happens. */
export const CARD_DEADLINE_MS = 2500;
export const MAX_BODY_BYTES = 1024 * 1024;
/** Feishu's events nest a few levels; anything deeper than this is refused, not stored. */
export const MAX_JSON_DEPTH = 32;

export interface ReceiverOptions {
  store: Store;
  bot: Bot;
  log: Logger;
  clock: Clock;
  encryptKey?: string;
  verificationToken?: string;
  /** In local mode nothing is signed or tokened; with credentials the checks are on. */
  local: boolean;
  cardDeadlineMs?: number;
}

export interface InboundRequest {
  body: Uint8Array;
  header(name: string): string | undefined;
  /**
   * When the request arrived (`performance.now()`): a card callback's fallback answer is
   * due `cardDeadlineMs` after it, however long the request waited to be read and parsed.
   */
  arrivedAt?: number;
}

export interface ReceiverResult {
  status: number;
  body: unknown;
}

type Refusal = { status: 400 | 401 | 403 | 413 | 503; reason: string };

/**
 * The transport edge for events and card callbacks: raw body → decrypt → challenge →
 * signature → token → envelope → dedupe → inbox → 200. Card callbacks are answered
 * inline. Anything refused changes nothing. Used by the Hono route and, from
 * `handleEnvelope` on, by the long connection.
 */
export class Receiver {
  constructor(private readonly opts: ReceiverOptions) {}

  async handleHttp(req: InboundRequest): Promise<ReceiverResult> {
    const { opts } = this;
    if (req.body.byteLength > MAX_BODY_BYTES) return this.refuse({ status: 413, reason: 'body too large' });
    const raw = Buffer.from(req.body.buffer, req.body.byteOffset, req.body.byteLength).toString('utf8');
    let outer: unknown;
    try {
      outer = JSON.parse(raw);
    } catch {
      return this.refuse({ status: 400, reason: 'body is not JSON' });
    }
    if (!isObject(outer)) {
      return this.refuse({ status: 400, reason: 'body is not a JSON object' });
    }

    let plain: unknown = outer;
    const encrypted = (outer as { encrypt?: unknown }).encrypt;
    if (encrypted !== undefined) {
      if (typeof encrypted !== 'string' || !opts.encryptKey) {
        return this.refuse({ status: 400, reason: 'encrypted body, but no LARK_ENCRYPT_KEY is configured' });
      }
      try {
        plain = JSON.parse(decryptEvent(encrypted, opts.encryptKey));
      } catch {
        return this.refuse({ status: 400, reason: 'body could not be decrypted' });
      }
      if (!isObject(plain))
        return this.refuse({ status: 400, reason: 'decrypted body is not a JSON object' });
    }

    // The challenge carries no signature (Feishu signs pushes, not URL verification). With
    // an Encrypt Key set it may still come in plaintext: the console sends it so when the
    // key was set in the environment before the console (the SDK accepts it too); the
    // Verification Token is what authenticates it.
    // Checked on its type first: a failed zod parse (every other request) builds an error.
    const answered = challengeAnswer(plain, opts);
    if (answered) return answered.status === 200 ? answered : this.refuse(answered);
    if (encrypted === undefined && opts.encryptKey) {
      return this.refuse({ status: 400, reason: 'plaintext body, but an Encrypt Key is configured' });
    }

    if (opts.encryptKey) {
      const timestamp = req.header('x-lark-request-timestamp');
      const signed = verifySignature(
        { timestamp, nonce: req.header('x-lark-request-nonce'), signature: req.header('x-lark-signature') },
        opts.encryptKey,
        req.body,
      );
      if (!signed) return this.refuse({ status: 401, reason: 'missing or wrong signature' });
      const sentAt = Number(timestamp) * 1000;
      if (!Number.isFinite(sentAt) || Math.abs(opts.clock.now().getTime() - sentAt) > MAX_SKEW_MS) {
        return this.refuse({ status: 401, reason: 'stale timestamp' });
      }
    }

    const token =
      (plain as { header?: { token?: unknown }; token?: unknown }).header?.token ??
      (plain as { token?: unknown }).token;
    if (!this.tokenOk(typeof token === 'string' ? token : undefined)) {
      return this.refuse({ status: 403, reason: 'verification token mismatch' });
    }
    return this.handleEnvelope(plain, opts.local ? 'local' : 'webhook', req.arrivedAt);
  }

  /**
   * From a decrypted, authenticated payload on: envelope → dedupe → inbox (events)
   * or inline handling (card callbacks). The long connection enters here.
   */
  async handleEnvelope(plain: unknown, via: InboxEntry['via'], arrivedAt?: number): Promise<ReceiverResult> {
    if (nestedDeeperThan(plain, MAX_JSON_DEPTH))
      return this.refuse({ status: 400, reason: `event nested deeper than ${MAX_JSON_DEPTH} levels` });
    // The common card callback, checked without zod; anything unusual takes the schemas below.
    const card = fastCardCallback(plain);
    if (card) return { status: 200, body: await this.answerCard(card.envelope, card.event, arrivedAt) };
    const parsed = EnvelopeSchema.safeParse(plain);
    if (!parsed.success) {
      const old = plain && typeof plain === 'object' && 'open_message_id' in plain;
      return this.refuse({
        status: 400,
        reason: old
          ? 'old card callback (card.action.trigger_v1): subscribe to card.action.trigger'
          : 'not a schema 2.0 event',
      });
    }
    const envelope = parsed.data;
    const type = envelope.header.event_type;

    if (type === CARD_ACTION_EVENT) {
      const event = CardActionEventSchema.safeParse(envelope.event);
      if (!event.success)
        return this.refuse({ status: 400, reason: 'card callback does not match its schema' });
      return { status: 200, body: await this.answerCard(envelope, event.data, arrivedAt) };
    }

    let key = `evt:${envelope.header.event_id}`;
    if (type === MESSAGE_EVENT) {
      const event = MessageEventSchema.safeParse(envelope.event);
      if (!event.success)
        return this.refuse({ status: 400, reason: 'message event does not match its schema' });
      // Feishu: dedupe messages on message_id; event_id can differ between redeliveries.
      // Keyed-hashed: a message id names its sender through the OpenAPI, and an anonymous
      // grievance must leave no such trace in the store's keys or the logs.
      key = `msg:${this.opts.bot.services.sealer.pseudonym(event.data.message.message_id)}`;
    }
    const entry: InboxEntry = { v: 1, key, receivedAt: this.opts.clock.now().getTime(), via, envelope };
    let serialised: string;
    try {
      serialised = JSON.stringify(entry);
    } catch {
      // A refusal, not a store outage: Feishu would redeliver a 503 forever.
      return this.refuse({ status: 400, reason: 'event cannot be serialised' });
    }
    try {
      const outcome = await this.opts.store.recordInbound(key, DEDUPE_TTL_MS, serialised);
      this.opts.log.debug({ key, type, outcome, via }, 'receiver: event');
    } catch (err) {
      // Not 200: Feishu will redeliver, and nothing acknowledged is lost.
      this.opts.log.error({ err: String(err), key }, 'receiver: store unreachable, asking Feishu to retry');
      return { status: 503, body: { error: 'store unavailable' } };
    }
    return { status: 200, body: {} };
  }

  private async answerCard(
    envelope: Parameters<Bot['handleCardAction']>[0],
    event: Parameters<Bot['handleCardAction']>[1],
    arrivedAt = performance.now(),
  ): Promise<CardActionResponse> {
    const { bot, log, store } = this.opts;
    const t = translator(bot.services.locale);
    const work = bot.handleCardAction(envelope, event).catch((err: unknown) => {
      log.error({ err: String(err), event: envelope.header.event_id }, 'receiver: card action failed');
      const ref = errorRef(`card:${envelope.header.event_id}`);
      return { toast: { type: 'error', content: t('error.internal', { ref }) } } as CardActionResponse;
    });
    let timer: NodeJS.Timeout | undefined;
    // Counted from arrival: under load a request can wait in the accept queue and the parser.
    const left = (this.opts.cardDeadlineMs ?? CARD_DEADLINE_MS) - (performance.now() - arrivedAt);
    const late = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), Math.max(0, left));
    });
    const first = await Promise.race([work, late]);
    clearTimeout(timer);
    if (first !== 'late') return first;
    // Too slow for the callback: answer now, and deliver the new card with the callback
    // token — or, when the answer was only a toast (a refusal, a confirmation), as a message
    // to the person who clicked: a toast shown after the window is lost.
    void work.then(async (response) => {
      const late: OutboxMessage | undefined =
        response.card && event.token
          ? { kind: 'card-update', v: 1, token: event.token, card: response.card.data }
          : response.toast
            ? {
                kind: 'send',
                v: 1,
                uuid: newUuid(),
                to: { type: 'open_id', id: event.operator.open_id },
                ...textContent(response.toast.content),
              }
            : undefined;
      if (!late) return;
      await store.outbox
        .add(JSON.stringify(late))
        .catch((err: unknown) => log.error({ err: String(err) }, 'receiver: could not queue a late answer'));
    });
    return { toast: { type: 'info', content: t('card.processing') } };
  }

  /**
   * The Verification Token, when one is configured. Without one, local mode and (for a
   * signed, encrypted push) the Encrypt Key stand in; a plaintext challenge then has
   * nothing to authenticate it.
   */
  private tokenOk(token: string | undefined, plaintext = false): boolean {
    return tokenMatches(this.opts, token, plaintext);
  }

  private refuse(r: Refusal): ReceiverResult {
    this.opts.log.warn({ status: r.status, reason: r.reason }, 'receiver: request refused');
    return { status: r.status, body: { error: r.reason } };
  }
}

/** The keys a request is checked with. */
export type ReceiverKeys = Pick<ReceiverOptions, 'encryptKey' | 'verificationToken' | 'local'>;

function tokenMatches(keys: ReceiverKeys, token: string | undefined, plaintext: boolean): boolean {
  const expected = keys.verificationToken;
  if (!expected) return keys.local || (Boolean(keys.encryptKey) && !plaintext);
  return token === expected;
}

/**
 * The URL verification challenge (already decrypted), answered from the keys alone:
 * the answer, a refusal (a wrong token), or undefined when the body is not a challenge.
 * Checked on its type first: a failed zod parse (every other request) builds an error.
 */
export function challengeAnswer(
  plain: unknown,
  keys: ReceiverKeys,
): { status: 200; body: { challenge: string } } | Refusal | undefined {
  if ((plain as { type?: unknown }).type !== 'url_verification') return undefined;
  const challenge = ChallengeSchema.safeParse(plain);
  if (!challenge.success) return undefined;
  // The challenge carries no signature: the Verification Token authenticates it.
  if (!tokenMatches(keys, challenge.data.token, true))
    return { status: 403, reason: 'challenge token mismatch' };
  return { status: 200, body: { challenge: challenge.data.challenge } };
}

/**
 * A challenge answered before anything else is built (the Workers entry, on a Durable
 * Object's first request: Feishu wants the answer within a second, and building the bot
 * asks Feishu for its token and people). Undefined for anything that is not a challenge.
 */
export function earlyChallenge(
  raw: string,
  keys: ReceiverKeys,
): { status: number; body: unknown } | undefined {
  let plain: unknown;
  try {
    const outer = JSON.parse(raw) as { encrypt?: unknown };
    plain =
      typeof outer?.encrypt === 'string' && keys.encryptKey
        ? JSON.parse(decryptEvent(outer.encrypt, keys.encryptKey))
        : outer;
  } catch {
    return undefined;
  }
  if (!isObject(plain)) return undefined;
  const answered = challengeAnswer(plain, keys);
  if (!answered) return undefined;
  return answered.status === 200 ? answered : { status: answered.status, body: { error: answered.reason } };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whether objects and arrays nest deeper than `max` (checked without recursion). */
export function nestedDeeperThan(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop() as [unknown, number];
    if (typeof v !== 'object' || v === null) continue;
    if (depth > max) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v)) {
      if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
    }
  }
  return false;
}
