import type { AnyCardAction, Command } from '../bot/command.ts';
import { applicationDecide } from './actions/application-decide.ts';
import { applicationSubmit } from './actions/application-submit.ts';
import { helpSection } from './actions/help-section.ts';
import { meetingRecord } from './actions/meeting-record.ts';
import { objectionResolve } from './actions/objection-resolve.ts';
import { reportSend } from './actions/report-send.ts';
import { apply } from './commands/apply.ts';
import { budget } from './commands/budget.ts';
import { help } from './commands/help.ts';
import { meeting } from './commands/meeting.ts';
import { object } from './commands/object.ts';
import { pending } from './commands/pending.ts';
import { recruit } from './commands/recruit.ts';
import { remove } from './commands/remove.ts';
import { report } from './commands/report.ts';
import { resign } from './commands/resign.ts';
import { roster } from './commands/roster.ts';
import { status } from './commands/status.ts';
import { whoami } from './commands/whoami.ts';
import { withdraw } from './commands/withdraw.ts';

/**
 * Every command, in help order. Add a command by adding a file under `commands/`
 * and a line here. (A function, because `help` lists this list.)
 */
export function commands(): readonly Command[] {
  return [
    help,
    whoami,
    apply,
    withdraw,
    status,
    pending,
    recruit,
    object,
    resign,
    remove,
    roster,
    meeting,
    budget,
    report,
  ];
}

/** Every card action. Add one by adding a file under `actions/` and a line here. */
export function actions(): readonly AnyCardAction[] {
  return [helpSection, reportSend, meetingRecord, applicationDecide, applicationSubmit, objectionResolve];
}
