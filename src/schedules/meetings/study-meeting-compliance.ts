import { meetingMonthCard } from '../../cards/meetings/meeting-cards.ts';
import { unitsOf } from '../../domain/units.ts';
import { cardContent } from '../../messages/content.ts';
import type { Job } from '../job.ts';

/**
 * On the last day of the month: the League committee gets every unit's study meetings,
 * held or not, with dates and topics: in its chat when the org file names one, else to
 * each of its people.
 */
export const studyMeetingCompliance: Job = {
  name: 'study-meeting-compliance',
  cron: '0 18 L * *',
  summary: 'job.studyMeetingCompliance.summary',
  period: 'month',
  reminder: false,
  catchUp: true,
  async run(ctx) {
    const units = await ctx.repos.meetings.withMeetings(unitsOf(ctx.org, ctx.t('unit.school')), ctx.period);
    const card = meetingMonthCard({ month: ctx.period, units, compliance: true }, ctx.t);
    const sent = ctx.sendToPeople(ctx.org.leagueCommittee, cardContent(card), {
      chatId: ctx.org.chats.leagueCommittee,
    });
    if (sent === 0)
      ctx.log.warn('study meetings: no League committee chat or people to send the compliance card to');
  },
};
