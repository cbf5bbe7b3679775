import type { Command } from '../../bot/command.ts';
import { UserError } from '../../bot/errors.ts';
import { localDateTime } from '../../lib/dates.ts';
import { activityNamed } from './checkin-activity.ts';

/** The longest reason kept (it goes into the roster and to the organiser). */
export const EXCUSE_MAX = 100;

/**
 * `/请假 A12 <理由>` (`/excuse`): before the start, a seated student is excused (not
 * counted absent, so not under the no-show rule) and the organiser is told. The seat is
 * kept; `/取消报名` frees it for the waiting line. Asking again replaces the reason.
 */
export const excuse: Command = {
  name: 'excuse',
  aliases: ['请假'],
  section: 'general',
  summary: 'cmd.excuse.summary',
  usage: 'cmd.excuse.usage',
  examples: 'cmd.excuse.examples',
  async run(ctx, command) {
    const a = await activityNamed(ctx, command.args[0], 'excuse.usage');
    const reason = command.rest
      .slice(command.args[0]?.length ?? 0)
      .replace(/\s+/g, ' ')
      .trim();
    if (!reason) throw new UserError('excuse.usage');
    if ([...reason].length > EXCUSE_MAX) throw new UserError('excuse.tooLong', { max: EXCUSE_MAX });
    if (ctx.now().getTime() >= Date.parse(a.startsAt))
      throw new UserError('excuse.started', {
        id: a.id,
        title: a.title,
        start: localDateTime(a.startsAt, ctx.org.timezone),
      });
    const me = ctx.actor.openId;
    const standing = await ctx.repos.activities.standing(a.id, me);
    if (standing.state !== 'seated') throw new UserError('excuse.notSeated', { id: a.id, title: a.title });
    const recorded = (await ctx.repos.activities.attendance(a.id))[me];
    if (recorded === 'attended') throw new UserError('excuse.attended', { id: a.id, title: a.title });
    ctx.repos.activities.mark(ctx.uow, a.id, me, `excused:${reason}`);
    const name = ctx.actor.name ?? ctx.directory.nameOf(me) ?? (await ctx.directory.profileOf(me)).name;
    if (a.organiser.openId !== me)
      ctx.sendText(
        { type: 'open_id', id: a.organiser.openId },
        ctx.t('excuse.toOrganiser', {
          id: a.id,
          title: a.title,
          name: name ?? ctx.t('attendance.someone'),
          reason,
        }),
      );
    ctx.reply(ctx.t('excuse.done', { id: a.id, title: a.title }));
  },
};
