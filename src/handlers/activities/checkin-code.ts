import type { Command } from '../../bot/command.ts';
import { UserError } from '../../bot/errors.ts';
import { hasRole } from '../../domain/roles.ts';
import { activityNamed, runsActivity } from './checkin-activity.ts';
import { codeCardNow } from './checkin-code-card.ts';

/**
 * `/签到码 A12` (`/checkincode`): during the check-in window, the organiser (or the
 * organising department's heads, or the presidium) gets a card with the current code,
 * which turns every `activities.codeMinutes`; 刷新 brings the code of the moment.
 */
export const checkInCodeCommand: Command = {
  name: 'checkincode',
  aliases: ['签到码'],
  section: 'work',
  summary: 'cmd.checkincode.summary',
  usage: 'cmd.checkincode.usage',
  examples: 'cmd.checkincode.examples',
  // Organisers are union members; whether this one runs the activity is checked in `run`.
  allowed: (actor) => hasRole(actor, 'member', 'presidium') || actor.heads.length > 0,
  liveRoles: true,
  async run(ctx, command) {
    const a = await activityNamed(ctx, command.args[0], 'checkinCode.usage');
    if (!runsActivity(ctx, a)) throw new UserError('checkinCode.forbidden', { id: a.id });
    ctx.replyCard(await codeCardNow(ctx, a));
  },
};
