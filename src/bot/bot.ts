import { z } from 'zod';
import type { Actor } from '../domain/roles.ts';
import { translator } from '../i18n/index.ts';
import type { Logger } from '../lib/logger.ts';
import { clip } from '../messages/limits.ts';
import type { BotInfo } from './bot-identity.ts';
import type { AnyCardAction, Command } from './command.ts';
import { messageText, parseCommand } from './command-parser.ts';
import { BotContext, type Conversation, type Services } from './context.ts';
import {
  type CardActionEvent,
  type CardActionResponse,
  type Envelope,
  MESSAGE_EVENT,
  MessageEventSchema,
} from './envelope.ts';
import { errorRef, UserError } from './errors.ts';
import type { InboxEntry } from './inbox-entry.ts';

const ActionEnvelopeValue = z.object({ a: z.string().min(1).max(64) }).loose();

/** The registered handlers. */
export interface Handlers {
  commands: readonly Command[];
  actions: readonly AnyCardAction[];
}

/**
 * Adds the roles a person holds in the store (not in the org file) to their actor: the
 * runtime wires it (membership's departments); the engine calls it only for a command
 * or card action that declares `liveRoles`, so other updates cost no read.
 */
export type LiveRoles = (actor: Actor) => Promise<Actor>;

/**
 * The engine: turns an update into handler calls. It knows nothing of HTTP or
 * WebSocket, nor of any feature; the receiver and the inbox worker call it, and so do
 * most tests. Each update runs as one unit of work: the handler's writes and messages
 * commit together, journaled under the update's key, so a redelivered update commits
 * and sends nothing twice.
 */
export class Bot {
  private readonly commands = new Map<string, Command>();
  private readonly actions = new Map<string, AnyCardAction>();
  readonly commandList: readonly Command[];

  constructor(
    readonly services: Services,
    handlers: Handlers,
    /** The bot's own identity; undefined until known (group messages are then ignored). */
    public identity: BotInfo | undefined,
    private readonly liveRoles: LiveRoles = async (actor) => actor,
  ) {
    this.commandList = handlers.commands;
    for (const c of handlers.commands) {
      for (const name of [c.name, ...c.aliases]) {
        const key = name.toLowerCase();
        if (this.commands.has(key)) throw new Error(`command name '${name}' is registered twice`);
        this.commands.set(key, c);
      }
    }
    for (const a of handlers.actions) {
      if (this.actions.has(a.name)) throw new Error(`card action '${a.name}' is registered twice`);
      this.actions.set(a.name, a);
    }
  }

  private get log(): Logger {
    return this.services.log;
  }

  /**
   * Handles an event from the inbox. With `ackInbox`, the inbox entry is acked in the same
   * atomic step as the update's effects; returns whether that happened (false: nothing
   * to commit, the caller acks). Throws only when the store fails (the entry is retried).
   */
  async handleUpdate(entry: InboxEntry, opts: { ackInbox?: string } = {}): Promise<boolean> {
    const { envelope } = entry;
    if (envelope.header.event_type !== MESSAGE_EVENT) {
      this.log.debug({ type: envelope.header.event_type }, 'bot: event type not handled');
      return false;
    }
    const parsed = MessageEventSchema.safeParse(envelope.event);
    if (!parsed.success) {
      this.log.warn({ key: entry.key }, 'bot: message event does not match its schema');
      return false;
    }
    const { sender, message } = parsed.data;
    if (sender.sender_type !== 'user' || sender.sender_id.open_id === this.identity?.openId) return false;

    const isGroup = message.chat_type !== 'p2p';
    const text = messageText(message);
    if (isGroup) {
      if (!this.identity) {
        this.log.warn('bot: own open_id unknown, ignoring a group message');
        return false;
      }
      if (!text?.mentionedOpenIds.includes(this.identity.openId)) return false;
    }

    const typed = text ? parseCommand(text.text) : undefined;
    const command = typed && {
      ...typed,
      mentions: (text?.mentions ?? []).filter((m) => m.openId !== this.identity?.openId),
    };
    const handler = command ? this.commands.get(command.name) : undefined;
    const actor = await this.actorFor(
      {
        openId: sender.sender_id.open_id,
        userId: sender.sender_id.user_id,
        unionId: sender.sender_id.union_id,
      },
      handler?.liveRoles ?? false,
    );
    // People appear in logs by a keyed pseudonym: an anonymous reporter is not named there.
    const log = this.log.child({ update: entry.key, actor: this.services.sealer.pseudonym(actor.openId) });
    await this.services.units.run(
      entry.key,
      async (uow) => {
        const conversation: Conversation = isGroup
          ? {
              type: 'group',
              to: { type: 'chat_id', id: message.chat_id },
              replyTo: { messageId: message.message_id, chatId: message.chat_id },
            }
          : { type: 'p2p', to: { type: 'chat_id', id: message.chat_id } };
        const ctx = new BotContext(this.services, uow, actor, conversation, log, this.commandList);
        await this.guard(ctx, entry.key, { replyOnError: true }, async () => {
          if (!command) {
            ctx.reply(ctx.t('command.notACommand', { university: this.services.org.university }));
            return;
          }
          const typedName = `/${clip(command.name)}`;
          if (!handler) throw new UserError('command.unknown', { command: typedName });
          if (handler.allowed && !handler.allowed(actor))
            throw new UserError('error.forbidden', { command: typedName });
          if (handler.private && isGroup) {
            ctx.reply(ctx.t('command.movedToP2p'));
            ctx.conversation = { type: 'p2p', to: { type: 'open_id', id: actor.openId } };
          }
          await handler.run(ctx, command);
        });
        return null;
      },
      opts,
    );
    return opts.ackInbox !== undefined;
  }

  /**
   * Handles a card click inline: the answer (toast and/or new card) goes back in the
   * callback response. A redelivered click gets the answer recorded the first time.
   */
  async handleCardAction(envelope: Envelope, event: CardActionEvent): Promise<CardActionResponse> {
    const key = `card:${envelope.header.event_id}`;
    const base = ActionEnvelopeValue.safeParse(event.action.value);
    const action = base.success ? this.actions.get(base.data.a) : undefined;
    const t = translator(this.services.locale);
    if (!action) return toast('error', t('card.unknownAction'));
    const value = action.value.safeParse(event.action.value);
    if (!value.success) {
      this.log.warn({ action: action.name }, 'bot: card value refused');
      return toast('error', t('card.invalidAction'));
    }
    const actor = await this.actorFor(
      {
        openId: event.operator.open_id,
        userId: event.operator.user_id,
        unionId: event.operator.union_id,
      },
      action.liveRoles ?? false,
    );
    const chatId = event.context?.open_chat_id;
    // Made when first used: most clicks log nothing, and the pseudonym (an HMAC) and pino's
    // child were a few percent of a stampede's click.
    const log = lazyLogger(() =>
      this.log.child({ update: key, actor: this.services.sealer.pseudonym(actor.openId) }),
    );
    const done = await this.services.units.run(key, async (uow) => {
      const conversation: Conversation = chatId
        ? { type: 'p2p', to: { type: 'chat_id', id: chatId } }
        : { type: 'p2p', to: { type: 'open_id', id: actor.openId } };
      const ctx = new BotContext(this.services, uow, actor, conversation, log, this.commandList);
      let response: CardActionResponse = {};
      const ok = await this.guard(ctx, key, { replyOnError: false }, async () => {
        response = await action.run(ctx, value.data, {
          formValue: event.action.form_value,
          inputValue: event.action.input_value,
          option: event.action.option,
          messageId: event.context?.open_message_id,
          chatId,
        });
      });
      return ok.ok ? response : toast('error', ok.message);
    });
    return done.result as CardActionResponse;
  }

  /** Roles from the org file, plus (when asked) those held in the store. */
  private async actorFor(
    ids: { openId: string; userId?: string | null; unionId?: string },
    live: boolean,
  ): Promise<Actor> {
    const actor = this.services.directory.actorFor(ids);
    return live ? this.liveRoles(actor) : actor;
  }

  /**
   * Runs a handler; a UserError becomes its message, anything else an apology with a
   * reference. Either way the handler's writes and messages are dropped.
   */
  private async guard(
    ctx: BotContext,
    updateKey: string,
    opts: { replyOnError: boolean },
    body: () => Promise<void>,
  ): Promise<{ ok: true } | { ok: false; message: string }> {
    try {
      await body();
      return { ok: true };
    } catch (err) {
      ctx.uow.discard();
      let message: string;
      if (err instanceof UserError) {
        message = ctx.t(err.key, err.params);
      } else {
        const ref = errorRef(updateKey);
        ctx.log.error({ err, ref }, 'bot: handler failed');
        message = ctx.t('error.internal', { ref });
      }
      if (opts.replyOnError) ctx.reply(message);
      return { ok: false, message };
    }
  }
}

/** A logger made by `make` the first time anything of it is used. */
function lazyLogger(make: () => Logger): Logger {
  let real: Logger | undefined;
  return new Proxy({} as Logger, {
    get(_, prop) {
      real ??= make();
      const value = Reflect.get(real, prop, real) as unknown;
      return typeof value === 'function' ? value.bind(real) : value;
    },
    set(_, prop, value) {
      real ??= make();
      return Reflect.set(real, prop, value, real);
    },
    has(_, prop) {
      real ??= make();
      return Reflect.has(real, prop);
    },
  });
}

function toast(type: 'success' | 'error' | 'info' | 'warning', content: string): CardActionResponse {
  return { toast: { type, content } };
}
