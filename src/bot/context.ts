import type { Card } from '../cards/card.ts';
import type { Org, PersonRef } from '../config/org.ts';
import type { Actor } from '../domain/roles.ts';
import { type Locale, type Translate, translator } from '../i18n/index.ts';
import type { Clock } from '../lib/clock.ts';
import type { Logger } from '../lib/logger.ts';
import { type Content, cardContent, textContent } from '../messages/content.ts';
import { newUuid, type OutboxMessage, type Recipient } from '../messages/outbox-message.ts';
import type { KeySpace } from '../store/keys.ts';
import type { Store, Transaction } from '../store/store.ts';
import type { Directory } from './directory.ts';

/** How long a committed step is remembered: longer than any redelivery (Feishu: ~7 h). */
export const JOURNAL_TTL_MS = 7 * 24 * 3600 * 1000;

/** The services every handler gets. Built once per process. */
export interface Services {
  org: Org;
  directory: Directory;
  store: Store;
  keys: KeySpace;
  log: Logger;
  clock: Clock;
  locale: Locale;
}

/** Where replies go: the chat the command came from, or the person's direct chat. */
export interface Conversation {
  type: 'p2p' | 'group';
  /** The chat (or, when a group command moved to a direct message, the person). */
  to: Recipient;
  /** In a group, replies thread under the command's message. */
  replyTo?: { messageId: string; chatId: string };
}

/**
 * The one object a command or card action sees. Messages are buffered and go to
 * the outbox together with the state change that caused them: in the step of
 * {@link BotContext.transact} they were buffered before, or in the final step.
 * Every step is journaled under the update's key, so handling a redelivered update
 * again commits nothing twice and sends nothing twice.
 */
export class BotContext {
  readonly t: Translate;
  private pending: OutboxMessage[] = [];
  private step = 0;
  /** Messages committed to the outbox by this context (for job logs). */
  queued = 0;

  constructor(
    readonly services: Services,
    readonly updateKey: string,
    readonly actor: Actor,
    public conversation: Conversation,
    readonly log: Logger,
  ) {
    this.t = translator(services.locale);
  }

  get directory(): Directory {
    return this.services.directory;
  }
  get org(): Org {
    return this.services.org;
  }
  get store(): Store {
    return this.services.store;
  }
  get keys(): KeySpace {
    return this.services.keys;
  }
  get locale(): Locale {
    return this.services.locale;
  }
  now(): Date {
    return this.services.clock.now();
  }

  /** Replies with plain text in the current conversation. */
  reply(text: string): void {
    this.replyContent(textContent(text));
  }

  /** Replies with a card in the current conversation; `track` records the message id (to update copies later). */
  replyCard(card: Card, track?: string): void {
    this.replyContent(cardContent(card), track);
  }

  /** Sends text to someone else: a person (open_id) or a chat. */
  sendText(to: Recipient, text: string): void {
    this.send(to, textContent(text));
  }

  sendCard(to: Recipient, card: Card, track?: string): void {
    this.send(to, cardContent(card), track);
  }

  /**
   * Sends to a list of people from the org file (each resolved open_id once), or to a
   * group chat when one is given: a union's group chat saves a message per person.
   */
  sendToPeople(
    people: readonly PersonRef[],
    content: Content,
    opts: { chatId?: string; track?: string } = {},
  ): number {
    const targets: Recipient[] = opts.chatId
      ? [{ type: 'chat_id', id: opts.chatId }]
      : this.directory.openIds(people).map((id) => ({ type: 'open_id' as const, id }));
    for (const to of targets) this.send(to, content, opts.track);
    return targets.length;
  }

  send(to: Recipient, content: Content, track?: string): void {
    this.pending.push({ kind: 'send', v: 1, uuid: newUuid(), to, ...content, ...(track ? { track } : {}) });
  }

  /** Updates a card the bot sent earlier (every copy tracked under `track`, or one message). */
  patchCard(messageId: string, card: Card): void {
    this.pending.push({ kind: 'patch', v: 1, messageId, content: JSON.stringify(card) });
  }

  /**
   * Runs an atomic read-decide-write step. The buffered messages are committed with
   * it. If this update was handled before (a redelivery), the step is not run again:
   * its recorded result is returned instead.
   */
  async transact<T>(tx: Omit<Transaction<T>, 'journal'>): Promise<T> {
    this.step += 1;
    const buffered = this.pending;
    this.pending = [];
    let during: OutboxMessage[] = [];
    const result = await this.store.commit<T>({
      ...tx,
      journal: { key: this.keys.done(this.updateKey, String(this.step)), ttlMs: JOURNAL_TTL_MS },
      plan: (snapshot) => {
        // Messages the plan buffers (its consequences: notifications that depend on the
        // outcome) commit with it, so a card click, which is never redelivered, cannot
        // change state and lose its messages. A plan that runs again starts afresh.
        this.pending = [];
        const plan = tx.plan(snapshot);
        during = this.pending;
        this.pending = [];
        return { ...plan, outbox: [...buffered, ...during, ...(plan.outbox ?? [])] };
      },
    });
    this.pending = [];
    this.queued += buffered.length + during.length;
    return result;
  }

  /** Commits whatever is still buffered; called by the bot when the handler returns. */
  async finish(): Promise<void> {
    const buffered = this.pending;
    this.pending = [];
    this.queued += buffered.length;
    await this.store.commit({
      journal: { key: this.keys.done(this.updateKey, 'end'), ttlMs: JOURNAL_TTL_MS },
      plan: () => ({ outbox: buffered, result: true }),
    });
  }

  /** Drops what is buffered (the handler failed; its messages must not go out). */
  discard(): void {
    this.pending = [];
  }

  private replyContent(content: Content, track?: string): void {
    const { replyTo, to } = this.conversation;
    if (replyTo) {
      this.pending.push({
        kind: 'reply',
        v: 1,
        uuid: newUuid(),
        ...replyTo,
        ...content,
        ...(track ? { track } : {}),
      });
    } else {
      this.send(to, content, track);
    }
  }
}
