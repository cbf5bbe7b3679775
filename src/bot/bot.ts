import { z } from 'zod';
import { type Actor, withMemberships } from '../domain/roles.ts';
import type { Logger } from '../lib/logger.ts';
import { membershipOf } from '../store/repos/recruitment.ts';
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
 * The engine: turns an update into handler calls. It knows nothing of HTTP or
 * WebSocket; the receiver and the inbox worker call it, and so do most tests.
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

  /** Handles an event from the inbox. Throws only when the store fails (the entry is then retried). */
  async handleUpdate(entry: InboxEntry): Promise<void> {
    const { envelope } = entry;
    if (envelope.header.event_type !== MESSAGE_EVENT) {
      this.log.debug({ type: envelope.header.event_type }, 'bot: event type not handled');
      return;
    }
    const done = await this.services.store.get(this.services.keys.done(entry.key, 'end'));
    if (done !== null) return;
    const parsed = MessageEventSchema.safeParse(envelope.event);
    if (!parsed.success) {
      this.log.warn({ key: entry.key }, 'bot: message event does not match its schema');
      return;
    }
    const { sender, message } = parsed.data;
    if (sender.sender_type !== 'user' || sender.sender_id.open_id === this.identity?.openId) return;

    const isGroup = message.chat_type !== 'p2p';
    const text = messageText(message);
    if (isGroup) {
      if (!this.identity) {
        this.log.warn('bot: own open_id unknown, ignoring a group message');
        return;
      }
      if (!text?.mentionedOpenIds.includes(this.identity.openId)) return;
    }

    const actor = await this.actorFor({
      openId: sender.sender_id.open_id,
      userId: sender.sender_id.user_id,
      unionId: sender.sender_id.union_id,
    });
    const conversation: Conversation = isGroup
      ? {
          type: 'group',
          to: { type: 'chat_id', id: message.chat_id },
          replyTo: { messageId: message.message_id, chatId: message.chat_id },
        }
      : { type: 'p2p', to: { type: 'chat_id', id: message.chat_id } };
    const log = this.log.child({ update: entry.key, actor: actor.openId });
    const ctx = new BotContext(this.services, entry.key, actor, conversation, log);

    const typed = text ? parseCommand(text.text) : undefined;
    const command = typed && {
      ...typed,
      mentions: (text?.mentions ?? []).filter((m) => m.openId !== this.identity?.openId),
    };
    await this.run(ctx, { replyOnError: true }, async () => {
      if (!command) {
        ctx.reply(ctx.t('command.notACommand', { university: this.services.org.university }));
        return;
      }
      const handler = this.commands.get(command.name);
      const typed = `/${command.name}`;
      if (!handler) throw new UserError('command.unknown', { command: typed });
      if (handler.allowed && !handler.allowed(actor))
        throw new UserError('error.forbidden', { command: typed });
      if (handler.private && isGroup) {
        ctx.reply(ctx.t('command.movedToP2p'));
        ctx.conversation = { type: 'p2p', to: { type: 'open_id', id: actor.openId } };
      }
      await handler.run(ctx, command);
    });
  }

  /**
   * Handles a card click inline: the answer (toast and/or new card) goes back in the
   * callback response. Redelivered clicks replay from the journal.
   */
  async handleCardAction(envelope: Envelope, event: CardActionEvent): Promise<CardActionResponse> {
    const key = `card:${envelope.header.event_id}`;
    const actor = await this.actorFor({
      openId: event.operator.open_id,
      userId: event.operator.user_id,
      unionId: event.operator.union_id,
    });
    const chatId = event.context?.open_chat_id;
    const conversation: Conversation = chatId
      ? { type: 'p2p', to: { type: 'chat_id', id: chatId } }
      : { type: 'p2p', to: { type: 'open_id', id: actor.openId } };
    const log = this.log.child({ update: key, actor: actor.openId });
    const ctx = new BotContext(this.services, key, actor, conversation, log);

    const base = ActionEnvelopeValue.safeParse(event.action.value);
    const action = base.success ? this.actions.get(base.data.a) : undefined;
    if (!action) return toast('error', ctx.t('card.unknownAction'));
    const value = action.value.safeParse(event.action.value);
    if (!value.success) {
      log.warn({ action: action.name }, 'bot: card value refused');
      return toast('error', ctx.t('card.invalidAction'));
    }
    let response: CardActionResponse = {};
    const ok = await this.run(ctx, { replyOnError: false }, async () => {
      response = await action.run(ctx, value.data, {
        formValue: event.action.form_value,
        inputValue: event.action.input_value,
        option: event.action.option,
        messageId: event.context?.open_message_id,
        chatId,
      });
    });
    if (!ok.ok) return toast('error', ok.message);
    return response;
  }

  /** Roles from the org file, plus the departments the person holds a seat in. */
  private async actorFor(ids: { openId: string; userId?: string | null; unionId?: string }): Promise<Actor> {
    const actor = this.services.directory.actorFor(ids);
    const membership = await membershipOf(this.services.store, this.services.keys, ids.openId);
    return withMemberships(actor, membership.departments);
  }

  /** Runs a handler; a UserError becomes its message, anything else an apology with a reference. */
  private async run(
    ctx: BotContext,
    opts: { replyOnError: boolean },
    body: () => Promise<void>,
  ): Promise<{ ok: true } | { ok: false; message: string }> {
    let failure: { ok: false; message: string } | undefined;
    try {
      await body();
    } catch (err) {
      ctx.discard();
      if (err instanceof UserError) {
        failure = { ok: false, message: ctx.t(err.key, err.params) };
      } else {
        const ref = errorRef(ctx.updateKey);
        ctx.log.error({ err, ref }, 'bot: handler failed');
        failure = { ok: false, message: ctx.t('error.internal', { ref }) };
      }
      if (opts.replyOnError) ctx.reply(failure.message);
    }
    await ctx.finish();
    return failure ?? { ok: true };
  }
}

function toast(type: 'success' | 'error' | 'info' | 'warning', content: string): CardActionResponse {
  return { toast: { type, content } };
}
