import type { Command } from '../../bot/command.ts';
import { queueCard } from '../../cards/grievances/ticket-cards.ts';
import { hasRole } from '../../domain/roles.ts';
import { slaStatus } from '../../domain/service-levels.ts';
import { isOpenTicket } from '../../domain/tickets.ts';
import { ageText } from './sources.ts';
import { categoryLabel, isOfficer, reporterShown } from './tickets.ts';

/**
 * `/tickets` (`/工单`): the open tickets of the units the person handles (all of them for
 * the presidium and the League committee), oldest first, with the time left for a first
 * response, each with a button that brings its card.
 */
export const ticketsQueue: Command = {
  name: 'tickets',
  aliases: ['工单'],
  section: 'work',
  summary: 'cmd.tickets.summary',
  usage: 'cmd.tickets.usage',
  examples: 'cmd.tickets.examples',
  private: true,
  liveRoles: true,
  allowed: (actor) => hasRole(actor, 'presidium', 'leagueCommittee', 'head', 'member', 'collegeLeader'),
  async run(ctx) {
    const now = ctx.now();
    const zh = ctx.locale === 'zh-CN';
    const items = (await ctx.repos.tickets.active())
      .filter((t) => isOpenTicket(t) && isOfficer(ctx, t))
      .map((t) => {
        // The clock that runs now: the first response, else the resolution (paused while waiting on the student).
        const sla = slaStatus(t, ctx.org, now);
        const clock = sla.first.met ? sla.resolve : sla.first;
        const hours = Math.ceil(clock.targetHours - clock.usedHours);
        const left = clock.paused
          ? ctx.t('tickets.paused')
          : hours <= 0
            ? ctx.t('tickets.overdue')
            : ctx.t(clock.kind === 'first' ? 'tickets.left' : 'tickets.leftResolve', { hours });
        return {
          id: t.id,
          line: ctx.t('tickets.item', {
            id: t.id,
            category: categoryLabel(ctx, t),
            state: ctx.t(`ticket.state.${t.state}`),
            reporter: reporterShown(ctx, t),
            age: ageText(t.createdAt, now, zh),
            left,
          }),
        };
      });
    ctx.replyCard(queueCard(items, ctx.t));
  },
};
