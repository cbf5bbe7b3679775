import type { z } from 'zod';
import type { Actor } from '../domain/roles.ts';
import type { CommandInfo } from './command-info.ts';
import type { ParsedCommand } from './command-parser.ts';
import type { BotContext } from './context.ts';
import type { CardActionResponse } from './envelope.ts';

export { HELP_SECTIONS, type HelpSection } from './command-info.ts';

/** A slash command: one file under `src/handlers/<feature>/`, listed in the feature's `index.ts`. */
export interface Command extends CommandInfo {
  run(ctx: BotContext, command: ParsedCommand): Promise<void>;
}

/** A card button's handler: one file under `src/handlers/<feature>/`, listed in its `index.ts`. */
export interface CardAction<V extends { a: string }> {
  /** The `a` in the button value. */
  name: V['a'];
  /** The whole value, validated when it comes back: never trust the card. */
  value: z.ZodType<V>;
  /** Needs the roles the store holds (see {@link CommandInfo.liveRoles}). */
  liveRoles?: boolean;
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

/** One thing waiting on someone (`/pending`): an application to decide, a ticket to handle. */
export interface PendingItem {
  /** The line shown in the list. */
  line: string;
  /** When it started waiting (ISO): the list is oldest first. */
  since: string;
  id: string;
  /** The value of its button, which brings back the card to act on. */
  open: Record<string, unknown>;
}

/** What a feature has waiting on a person. */
export type PendingSource = (ctx: BotContext, actor: Actor) => Promise<PendingItem[]>;

/** A feature's part of `/status`: a titled block of the person's own things (none: left out). */
export type StatusSource = (ctx: BotContext) => Promise<{ title: string; lines: string[] } | undefined>;

/** A feature's handlers: one folder under `src/handlers/`, its `index.ts` exports this. */
export interface Feature {
  name: string;
  commands: readonly Command[];
  actions: readonly AnyCardAction[];
}
