import type { z } from 'zod';
import type { Actor } from '../domain/roles.ts';
import type { MessageKey } from '../i18n/index.ts';
import type { ParsedCommand } from './command-parser.ts';
import type { BotContext } from './context.ts';
import type { CardActionResponse } from './envelope.ts';

/** Sections of the help card, in display order. */
export const HELP_SECTIONS = ['general', 'recruitment', 'work', 'admin'] as const;
export type HelpSection = (typeof HELP_SECTIONS)[number];

/** A slash command: one file under `src/handlers/commands/`, listed in `src/handlers/index.ts`. */
export interface Command {
  /** English name, typed after the slash (`help`). */
  name: string;
  /** Chinese and other aliases (`帮助`). */
  aliases: readonly string[];
  section: HelpSection;
  summary: MessageKey;
  /** Usage with an example, shown in help and when the arguments are wrong. */
  usage: MessageKey;
  /** Example lines for help. */
  examples?: MessageKey;
  /** Who may use it; everyone when absent. Checked before `run`. */
  allowed?: (actor: Actor) => boolean;
  /** Needs personal data: used in a group, it answers briefly there and continues in p2p. */
  private?: boolean;
  run(ctx: BotContext, command: ParsedCommand): Promise<void>;
}

/** A card button's handler: one file under `src/handlers/actions/`. */
export interface CardAction<V extends { a: string }> {
  /** The `a` in the button value. */
  name: V['a'];
  /** The whole value, validated when it comes back: never trust the card. */
  value: z.ZodType<V>;
  run(ctx: BotContext, value: V, input: CardInput): Promise<CardActionResponse>;
}

/** What came with the click besides the value. */
export interface CardInput {
  formValue?: Record<string, unknown>;
  inputValue?: string;
  option?: string;
  messageId?: string;
  chatId?: string;
}

/** Type-erased for the registry list. */
// biome-ignore lint/suspicious/noExplicitAny: the registry holds actions of every value type
export type AnyCardAction = CardAction<any>;

export function defineAction<V extends { a: string }>(action: CardAction<V>): CardAction<V> {
  return action;
}

/** A feature's handlers: one folder under `src/handlers/`, its `index.ts` exports this. */
export interface Feature {
  name: string;
  commands: readonly Command[];
  actions: readonly AnyCardAction[];
}
