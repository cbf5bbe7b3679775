import type { AnyCardAction, Command } from '../bot/command.ts';
import { helpSection } from './actions/help-section.ts';
import { budget } from './commands/budget.ts';
import { help } from './commands/help.ts';
import { whoami } from './commands/whoami.ts';

/**
 * Every command, in help order. Add a command by adding a file under `commands/`
 * and a line here. (A function, because `help` lists this list.)
 */
export function commands(): readonly Command[] {
  return [help, whoami, budget];
}

/** Every card action. Add one by adding a file under `actions/` and a line here. */
export function actions(): readonly AnyCardAction[] {
  return [helpSection];
}
