import type { AnyCardAction, Command } from '../bot/command.ts';
import { helpSection } from './actions/help-section.ts';
import { meetingRecord } from './actions/meeting-record.ts';
import { reportSend } from './actions/report-send.ts';
import { budget } from './commands/budget.ts';
import { help } from './commands/help.ts';
import { meeting } from './commands/meeting.ts';
import { report } from './commands/report.ts';
import { whoami } from './commands/whoami.ts';

/**
 * Every command, in help order. Add a command by adding a file under `commands/`
 * and a line here. (A function, because `help` lists this list.)
 */
export function commands(): readonly Command[] {
  return [help, whoami, meeting, budget, report];
}

/** Every card action. Add one by adding a file under `actions/` and a line here. */
export function actions(): readonly AnyCardAction[] {
  return [helpSection, reportSend, meetingRecord];
}
