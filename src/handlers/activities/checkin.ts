import type { Command } from '../../bot/command.ts';
import { UserError } from '../../bot/errors.ts';
import { activityNamed, codeAccepted, requireWindow } from './checkin-activity.ts';

/**
 * `/签到 A12 123456` (`/checkin`): a seated student inside the check-in window with the
 * current code (or the one just before it) is marked attended. A wrong or expired code,
 * the window closed or not yet open, or no seat: a refusal saying which, and nothing changes.
 */
export const checkIn: Command = {
  name: 'checkin',
  aliases: ['签到'],
  section: 'general',
  summary: 'cmd.checkin.summary',
  usage: 'cmd.checkin.usage',
  examples: 'cmd.checkin.examples',
  async run(ctx, command) {
    const a = await activityNamed(ctx, command.args[0], 'checkin.usage');
    const code = command.args[1];
    if (!code) throw new UserError('checkin.usage');
    const me = ctx.actor.openId;
    requireWindow(ctx, a);
    const standing = await ctx.repos.activities.standing(a.id, me);
    if (standing.state !== 'seated') throw new UserError('checkin.notSeated', { id: a.id, title: a.title });
    const attendance = await ctx.repos.activities.attendance(a.id);
    if (attendance[me] === 'attended') {
      ctx.reply(ctx.t('checkin.already', { id: a.id, title: a.title }));
      return;
    }
    if (!/^\d{6}$/.test(code) || !codeAccepted(ctx, a, code))
      throw new UserError('checkin.wrongCode', { id: a.id });
    ctx.repos.activities.mark(ctx.uow, a.id, me, 'attended');
    ctx.reply(
      ctx.t('checkin.done', { id: a.id, title: a.title }) +
        (a.hours > 0 ? ctx.t('checkin.hours', { hours: a.hours }) : ''),
    );
  },
};
