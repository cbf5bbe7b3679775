import type { Card } from '../cards/card.ts';
import type { Org, PersonRef } from '../config/org.ts';
import type { Actor } from '../domain/roles.ts';
import { type Locale, type Translate, translator } from '../i18n/index.ts';
import type { Clock } from '../lib/clock.ts';
import type { Logger } from '../lib/logger.ts';
import type { Sealer } from '../lib/seal.ts';
import { type Content, cardContent, textContent } from '../messages/content.ts';
import { tooLarge } from '../messages/limits.ts';
import { newUuid, type Recipient } from '../messages/outbox-message.ts';
import type { Repos } from '../store/repos/index.ts';
import type { UnitOfWork, UnitsOfWork } from '../store/unit-of-work.ts';
import type { CommandInfo } from './command-info.ts';
import type { Directory } from './directory.ts';

/** The services every handler and job gets. Built once per process. */
export interface Services {
  org: Org;
  directory: Directory;
  /** The repositories (the engine only passes them on). */
  repos: Repos;
  /** Runs a piece of work as one unit of work (atomic writes and messages, journaled). */
  units: UnitsOfWork;
  log: Logger;
  clock: Clock;
  locale: Locale;
  /** Seals anonymous reporters and makes keyed pseudonyms (see lib/seal.ts). */
  sealer: Sealer;
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
 * What a piece of work sees, a command's or a job's: the org file, the people, the
 * repositories, the texts, the time, and the messages it sends. Messages are buffered in
 * the work's unit of work and go to the outbox in the same atomic step as its writes.
 */
export class WorkContext {
  readonly t: Translate;

  constructor(
    readonly services: Services,
    readonly uow: UnitOfWork,
    readonly log: Logger,
  ) {
    this.t = translator(services.locale);
  }

  get org(): Org {
    return this.services.org;
  }
  get directory(): Directory {
    return this.services.directory;
  }
  get sealer(): Sealer {
    return this.services.sealer;
  }
  get repos(): Repos {
    return this.services.repos;
  }
  get locale(): Locale {
    return this.services.locale;
  }
  now(): Date {
    return this.services.clock.now();
  }

  /** Sends text to someone else: a person (open_id) or a chat. */
  sendText(to: Recipient, text: string): void {
    this.send(to, textContent(text));
  }

  /** Sends a card; `track` records the message id (to update every copy later). */
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
    this.uow.send({
      kind: 'send',
      v: 1,
      uuid: newUuid(),
      to,
      ...this.sendable(content),
      ...(track ? { track } : {}),
    });
  }

  /** The content, or (over Feishu's size limit, which would refuse it) a short apology instead. */
  protected sendable(content: Content): Content {
    if (!tooLarge(content)) return content;
    this.log.warn(
      { msgType: content.msgType, bytes: content.content.length },
      'reply too large for Feishu; sending an apology',
    );
    return textContent(this.t('error.replyTooLong'));
  }

  /** Updates a card the bot sent earlier (one message). */
  patchCard(messageId: string, card: Card): void {
    this.uow.send({ kind: 'patch', v: 1, messageId, content: JSON.stringify(card) });
  }

  /** Messages buffered so far. */
  get queued(): number {
    return this.uow.queued;
  }
}

/**
 * The one object a command or card action sees: the work context plus who is asking,
 * where to reply, and the commands there are (for help).
 */
export class BotContext extends WorkContext {
  constructor(
    services: Services,
    uow: UnitOfWork,
    readonly actor: Actor,
    public conversation: Conversation,
    log: Logger,
    readonly commands: readonly CommandInfo[] = [],
  ) {
    super(services, uow, log);
  }

  /** Replies with plain text in the current conversation. */
  reply(text: string): void {
    this.replyContent(textContent(text));
  }

  /** Replies with a card in the current conversation; `track` records the message id (to update copies later). */
  replyCard(card: Card, track?: string): void {
    this.replyContent(cardContent(card), track);
  }

  /** Replies with prepared content (a card built once and reused). */
  replyContent(content: Content, track?: string): void {
    const { replyTo, to } = this.conversation;
    if (!replyTo) {
      this.send(to, content, track);
      return;
    }
    this.uow.send({
      kind: 'reply',
      v: 1,
      uuid: newUuid(),
      ...replyTo,
      ...this.sendable(content),
      ...(track ? { track } : {}),
    });
  }
}
