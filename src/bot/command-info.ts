import type { Actor } from '../domain/roles.ts';
import type { MessageKey } from '../i18n/index.ts';

/** Sections of the help card, in display order. */
export const HELP_SECTIONS = ['general', 'recruitment', 'work', 'admin'] as const;
export type HelpSection = (typeof HELP_SECTIONS)[number];

/** What the engine and the help card know of a command, besides how to run it. */
export interface CommandInfo {
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
  /**
   * Needs the roles the store holds (a department membership: `member`), not only the
   * org file's: the engine loads them before `allowed` and `run`, at the cost of a read.
   */
  liveRoles?: boolean;
}
